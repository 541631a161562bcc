package io.ringfence.history;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Distinct cards per card-not-present identifier over about a day, in constant space per identifier. */
class IdentifierHistoryTest {
    private static final long T0 = 1_740_960_000L;
    private static final long HOUR = 3_600L;
    private static final long DEVICE = 0x1234_5678_9abc_def0L;

    private final IdentifierHistory history = new IdentifierHistory(16);

    @Test
    void countsTheDistinctCardsAnIdentifierWasUsedWithBeforeThisPayment() {
        assertEquals(0, history.distinctCards(IdentifierHistory.Kind.DEVICE, DEVICE, T0));
        history.record(IdentifierHistory.Kind.DEVICE, DEVICE, 11, T0);
        history.record(IdentifierHistory.Kind.DEVICE, DEVICE, 11, T0 + 60);
        history.record(IdentifierHistory.Kind.DEVICE, DEVICE, 22, T0 + 2 * HOUR);
        history.record(IdentifierHistory.Kind.DEVICE, DEVICE, 33, T0 + 9 * HOUR);
        assertEquals(3, history.distinctCards(IdentifierHistory.Kind.DEVICE, DEVICE, T0 + 10 * HOUR));
    }

    @Test
    void kindsAreKeptApart() {
        history.record(IdentifierHistory.Kind.DEVICE, DEVICE, 11, T0);
        assertEquals(0, history.distinctCards(IdentifierHistory.Kind.EMAIL, DEVICE, T0));
        assertEquals(0, history.distinctCards(IdentifierHistory.Kind.IP, DEVICE, T0));
    }

    @Test
    void cardsOlderThanADayDropOut() {
        history.record(IdentifierHistory.Kind.IP, DEVICE, 11, T0);
        history.record(IdentifierHistory.Kind.IP, DEVICE, 22, T0 + 12 * HOUR);
        assertEquals(2, history.distinctCards(IdentifierHistory.Kind.IP, DEVICE, T0 + 13 * HOUR));
        assertEquals(1, history.distinctCards(IdentifierHistory.Kind.IP, DEVICE, T0 + 30 * HOUR), "the first is a day old");
        assertEquals(0, history.distinctCards(IdentifierHistory.Kind.IP, DEVICE, T0 + 48 * HOUR));
        history.record(IdentifierHistory.Kind.IP, DEVICE, 33, T0 + 48 * HOUR);
        assertEquals(1, history.distinctCards(IdentifierHistory.Kind.IP, DEVICE, T0 + 49 * HOUR),
            "recording after a gap clears the periods it skipped");
    }

    @Test
    void noIdentifierCountsNothing() {
        history.record(IdentifierHistory.Kind.EMAIL, 0L, 11, T0);
        assertEquals(0, history.size());
        assertEquals(0, history.distinctCards(IdentifierHistory.Kind.EMAIL, 0L, T0));
    }
}
