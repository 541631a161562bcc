package io.ringfence.load;

/**
 * When an open-loop load means to send each request: {@code ratePerSecond} requests a second, evenly spaced.
 *
 * <p>Request {@code k} of a phase is due exactly {@code floor(k * 10^9 / ratePerSecond)} nanoseconds after the
 * phase starts. The arithmetic is exact in integers (no drift over long runs) and free of overflow for any rate up to
 * {@link #MAX_RATE} and any phase shorter than a century.
 *
 * @param ratePerSecond requests a second
 */
record SendSchedule(long ratePerSecond) {
    static final long MAX_RATE = 100_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    SendSchedule {
        if (ratePerSecond < 1 || ratePerSecond > MAX_RATE) {
            throw new IllegalArgumentException("rate must be between 1 and " + MAX_RATE + " a second, was "
                + ratePerSecond);
        }
    }

    /** Nanoseconds after the phase start when request {@code k} is due. */
    long dueNanos(final long k) {
        return k / ratePerSecond * NANOS_PER_SECOND + k % ratePerSecond * NANOS_PER_SECOND / ratePerSecond;
    }

    /** Requests due in a phase of {@code durationNanos}: every one due strictly before its end. */
    long totalSends(final long durationNanos) {
        final long seconds = durationNanos / NANOS_PER_SECOND;
        final long rest = durationNanos % NANOS_PER_SECOND;
        return seconds * ratePerSecond + (rest * ratePerSecond + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }
}
