package io.ringfence.synthetic;

/** When in the day people pay: quiet at night, peaks at lunch and in the early evening. */
final class DailyRhythm {
    private static final double[] HOURLY_WEIGHTS = {
        0.3, 0.15, 0.1, 0.1, 0.1, 0.2, 0.6, 1.5, 2.5, 2.5, 2.5, 3.0,
        4.0, 3.5, 2.5, 2.5, 3.0, 4.0, 4.5, 4.0, 3.5, 2.5, 1.5, 0.8,
    };
    private static final long HOUR_MILLIS = 3_600_000L;
    private static final double TOTAL;

    static {
        double total = 0;
        for (final double weight : HOURLY_WEIGHTS) {
            total += weight;
        }
        TOTAL = total;
    }

    private DailyRhythm() {
    }

    /** A moment of the day, milliseconds after midnight. */
    static long sampleMillisOfDay(final RandomDraws random) {
        double target = random.unit() * TOTAL;
        int hour = 0;
        while (hour < HOURLY_WEIGHTS.length - 1 && target >= HOURLY_WEIGHTS[hour]) {
            target -= HOURLY_WEIGHTS[hour];
            hour++;
        }
        return hour * HOUR_MILLIS + random.between(0L, HOUR_MILLIS);
    }
}
