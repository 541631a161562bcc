package io.ringfence.load;

/**
 * When an open-loop load means to send each request: {@code ratePerSecond} requests a second in total, split
 * evenly over {@code producers} threads and interleaved, so that together they send one request every
 * {@code 1/ratePerSecond} seconds and each producer one every {@code producers/ratePerSecond} seconds.
 *
 * <p>Request {@code k} of a phase is due exactly {@code floor(k * 10^9 / ratePerSecond)} nanoseconds after the
 * phase starts; producer {@code p} sends requests {@code k = i * producers + p} for {@code i = 0, 1, 2, ...}. The
 * arithmetic is exact in integers (no drift over long runs) and free of overflow for any rate up to
 * {@link #MAX_RATE} and any phase shorter than a century.
 *
 * @param ratePerSecond requests a second, all producers together
 * @param producers     sending threads
 */
record SendSchedule(long ratePerSecond, int producers) {
    static final long MAX_RATE = 100_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    SendSchedule {
        if (ratePerSecond < 1 || ratePerSecond > MAX_RATE) {
            throw new IllegalArgumentException("rate must be between 1 and " + MAX_RATE + " a second, was "
                + ratePerSecond);
        }
        if (producers < 1) {
            throw new IllegalArgumentException("producers must be at least 1, was " + producers);
        }
    }

    /** Nanoseconds after the phase start when request {@code k} (counting all producers' requests) is due. */
    long dueNanos(final long k) {
        return k / ratePerSecond * NANOS_PER_SECOND + k % ratePerSecond * NANOS_PER_SECOND / ratePerSecond;
    }

    /** Nanoseconds after the phase start when producer {@code producer}'s {@code i}-th request is due. */
    long dueNanos(final int producer, final long i) {
        return dueNanos(sequence(producer, i));
    }

    /** Position of producer {@code producer}'s {@code i}-th request among all producers' requests. */
    long sequence(final int producer, final long i) {
        return i * producers + producer;
    }

    /** Requests due in a phase of {@code durationNanos}: every one due strictly before its end. */
    long totalSends(final long durationNanos) {
        final long seconds = durationNanos / NANOS_PER_SECOND;
        final long rest = durationNanos % NANOS_PER_SECOND;
        return seconds * ratePerSecond + (rest * ratePerSecond + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }

    /** Requests producer {@code producer} sends in a phase of {@code durationNanos}. */
    long sendsOf(final int producer, final long durationNanos) {
        final long total = totalSends(durationNanos);
        return total <= producer ? 0 : (total - producer + producers - 1) / producers;
    }
}
