package io.ringfence.load;

import org.HdrHistogram.Histogram;

import java.util.Locale;

/**
 * What one measured phase of open-loop load gave.
 *
 * @param ratePerSecond requested rate
 * @param durationNanos the phase's scheduled length
 * @param elapsedNanos  from the phase start until the last request was sent, or the scheduled end if later
 * @param sent          requests sent; every one was answered
 * @param standIns      stand-in decisions among the answers
 * @param latency       response time: nanoseconds from each request's intended send time to its decision
 * @param serviceTime   nanoseconds from each request's actual send to its decision
 * @param sendLag       nanoseconds each request left after its intended time
 * @param hiccups       nanoseconds between consecutive turns of the load agent's loop
 * @param stealPercent  CPU time the hypervisor took from this machine during the phase; NaN when unknown
 * @param flagsBlocked  nanoseconds from each probe's fraud report call to its refused in-store decision
 * @param flagsMissed   probes whose in-store tap was not refused for the flag (a stand-in, in practice)
 */
public record PhaseResult(long ratePerSecond, long durationNanos, long elapsedNanos, long sent, long standIns,
    Histogram latency, Histogram serviceTime, Histogram sendLag, Histogram hiccups, double stealPercent,
    Histogram flagsBlocked, long flagsMissed, long garbageFrames) {
    /** The agent's own send lag may be at most this share of the response time's p99 for a run to count. */
    static final double MAX_LAG_SHARE = 0.5;

    /**
     * Why this phase measures the load agent rather than the engine, or null when it is valid: the agent's own send
     * lag at p99 is more than half the response time at p99 (the agent could not keep the schedule).
     */
    String invalidBecause() {
        final double lagP99 = micros(sendLag, 99);
        final double responseP99 = latencyMicros(99);
        if (lagP99 > MAX_LAG_SHARE * responseP99) {
            return String.format(Locale.ROOT, "the load agent's own send lag (p99 %.1f us) is over half"
                + " the response time (p99 %.1f us): it measures the agent, not the engine", lagP99, responseP99);
        }
        return null;
    }

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
