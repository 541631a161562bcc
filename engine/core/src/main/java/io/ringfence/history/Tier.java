package io.ringfence.history;

/** The rolling windows kept per card and channel. Buckets are a quarter of the window (see {@link RollingWindow}). */
public enum Tier {
    MINUTE(60),
    HOUR(3_600),
    DAY(86_400),
    WEEK(604_800),
    MONTH(2_592_000);

    private final long seconds;

    Tier(final long seconds) {
        this.seconds = seconds;
    }

    public long seconds() {
        return seconds;
    }
}
