package io.ringfence.api;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of a latency distribution, in nanoseconds.
 *
 * @param count number of samples
 */
public record LatencySummary(long count, long p50, long p90, long p99, long p999, long p9999, long max) {
    public static LatencySummary of(final Histogram histogram) {
        return new LatencySummary(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
            histogram.getValueAtPercentile(90), histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9),
            histogram.getValueAtPercentile(99.99), histogram.getMaxValue());
    }

    /** One line in microseconds, for people. */
    public String toMicrosLine() {
        return String.format("n=%d p50=%.1fus p90=%.1fus p99=%.1fus p99.9=%.1fus p99.99=%.1fus max=%.1fus", count,
            p50 / 1e3, p90 / 1e3, p99 / 1e3, p999 / 1e3, p9999 / 1e3, max / 1e3);
    }
}
