package io.ringfence.history;

import io.ringfence.api.FlagReason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CardHistoryTest {
    private static final long T0 = 1_710_496_800L;

    private final CardRecord card = new CardRecord();

    @Test
    void atCapacityTheLeastRecentlySeenCardsAreEvictedAndCounted() {
        final int capacity = 8;
        final CardHistory history = new CardHistory(capacity);
        for (int i = 0; i < capacity; i++) {
            create(history, i);
        }
        assertTrue(history.find(high(0), low(0), card), "seeing card 0 again makes it the most recent");
        assertTrue(history.find(high(1), low(1), card));

        final int extra = 3;
        for (int i = capacity; i < capacity + extra; i++) {
            create(history, i);
        }
        assertEquals(capacity, history.size());
        assertEquals(extra, history.evictions());
        for (final int gone : new int[] {2, 3, 4}) {
            assertFalse(history.find(high(gone), low(gone), card), "card " + gone + " should be evicted");
        }
        for (final int kept : new int[] {0, 1, 5, 6, 7, 8, 9, 10}) {
            assertTrue(history.find(high(kept), low(kept), card), "card " + kept + " should be kept");
            assertEquals(kept, card.lastFour());
        }
        assertEquals(0, history.flaggedEvictions());
    }

    @Test
    void flaggedCardsArePassedOverWhileAnUnflaggedOneIsAmongTheSixteenOldest() {
        final CardHistory history = new CardHistory(32);
        for (int i = 0; i < 32; i++) {
            create(history, i);
        }
        for (int i = 0; i < 15; i++) {
            flagWithoutTouching(history, i);
        }
        create(history, 100);
        assertFalse(history.find(high(15), low(15), card), "the oldest unflagged card goes");
        for (int i = 0; i < 15; i++) {
            assertTrue(history.find(high(i), low(i), card), "flagged card " + i + " kept");
            assertTrue(card.isFlagged());
        }
        assertEquals(1, history.evictions());
        assertEquals(0, history.flaggedEvictions());
    }

    @Test
    void whenTheSixteenOldestAreAllFlaggedTheOldestGoesAndIsCountedApart() {
        final CardHistory history = new CardHistory(32);
        for (int i = 0; i < 32; i++) {
            create(history, i);
        }
        for (int i = 0; i < 16; i++) {
            flagWithoutTouching(history, i);
        }
        create(history, 100);
        assertFalse(history.find(high(0), low(0), card));
        assertTrue(history.find(high(16), low(16), card));
        assertEquals(1, history.evictions());
        assertEquals(1, history.flaggedEvictions());
    }

    @Test
    void aNewRecordStartsCleanEvenInAReusedSlot() {
        final CardHistory history = new CardHistory(1);
        create(history, 1);
        assertTrue(history.find(high(1), low(1), card));
        card.flag(FlagReason.FRAUD_REPORT, T0);
        card.recordAuthorization(T0, io.ringfence.api.Channel.CP, 5, false, true, true, 1L, 0L);
        create(history, 2);
        assertTrue(history.find(high(2), low(2), card));
        assertFalse(card.isFlagged());
        assertEquals(0, card.declines());
        assertEquals(high(2), card.fingerprintHigh());
        assertEquals(low(2), card.fingerprintLow());
        assertEquals(1, history.flaggedEvictions(), "the only card was flagged: it had to go");
    }

    private void create(final CardHistory history, final int i) {
        history.create(high(i), low(i), T0 + i, 400000, i, card);
    }

    /** Flags by record index (cards are created in order), leaving the LRU order alone. */
    private void flagWithoutTouching(final CardHistory history, final int i) {
        history.wrapAt(i, card);
        assertEquals(i, card.lastFour());
        card.flag(FlagReason.FRAUD_REPORT, T0);
    }

    private static long high(final int i) {
        return 0x1000L + i;
    }

    private static long low(final int i) {
        return ~(long)i;
    }
}
