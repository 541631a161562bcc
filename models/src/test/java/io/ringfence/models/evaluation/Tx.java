package io.ringfence.models.evaluation;

import java.time.LocalDate;
import java.time.ZoneOffset;

/** Shorthands for the hand-built cases. */
final class Tx {
    private static int next;

    private Tx() {
    }

    /** A transaction of a card at noon UTC on a day. */
    static ScoredTransaction on(final String day, final String card, final double score, final boolean fraud) {
        final long noon = LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + 43_200_000L;
        return new ScoredTransaction("t" + (++next), card, noon, score, fraud);
    }

    /** A transaction whose day does not matter. */
    static ScoredTransaction scored(final double score, final boolean fraud) {
        return on("2024-01-01", "card" + (++next), score, fraud);
    }
}
