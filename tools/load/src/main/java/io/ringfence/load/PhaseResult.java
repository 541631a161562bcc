package io.ringfence.load;

import org.HdrHistogram.Histogram;

/**
 * What one measured phase of open-loop load gave.
 *
 * @param ratePerSecond requested rate, all producers together
 * @param durationNanos the phase's scheduled length
 * @param elapsedNanos  from the phase start until the last request was sent, or the scheduled end if later
 * @param sent          requests sent; every one was answered
 * @param standIns      stand-in decisions among the answers
 * @param latency       nanoseconds from each request's intended send time to its decision
 * @param sendLag       nanoseconds each request left after its intended time
 * @param flagsBlocked  nanoseconds from each probe's fraud report call to its refused in-store decision
 * @param flagsMissed   probes whose in-store tap was not refused for the flag (a stand-in, in practice)
 */
public record PhaseResult(long ratePerSecond, long durationNanos, long elapsedNanos, long sent, long standIns,
    Histogram latency, Histogram sendLag, Histogram flagsBlocked, long flagsMissed) {

    /** Requests sent and answered a second. */
    double achievedRate() {
        return sent * 1e9 / elapsedNanos;
    }

    /** Latency at {@code percentile} (0 to 100), microseconds. */
    public double latencyMicros(final double percentile) {
        return micros(latency, percentile);
    }

    /** Highest latency, microseconds. */
    double maxLatencyMicros() {
        return latency.getMaxValue() / 1e3;
    }

    long flagProbes() {
        return flagsBlocked.getTotalCount() + flagsMissed;
    }

    /** The value at {@code percentile} of a histogram of nanoseconds, in microseconds; 0 when empty. */
    static double micros(final Histogram nanos, final double percentile) {
        return nanos.getTotalCount() == 0 ? 0 : nanos.getValueAtPercentile(percentile) / 1e3;
    }
}
