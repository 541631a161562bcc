package io.ringfence.history;

import io.ringfence.api.FlagReason;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlagStoreTest {
    @Test
    void aFlagIsHeldUntilClearedAndKeepsItsFirstReasonAndTime() {
        final FlagStore flags = new FlagStore(16);
        assertEquals(FlagReason.NOT_FLAGGED, flags.reasonOf(1, 2));
        assertTrue(flags.flag(1, 2, FlagReason.CARD_TESTING, 100));
        assertTrue(flags.flag(1, 2, FlagReason.FRAUD_REPORT, 200));
        assertEquals(FlagReason.CARD_TESTING, flags.reasonOf(1, 2));
        assertEquals(100, flags.flagTime(1, 2));
        assertEquals(1, flags.size());
        assertTrue(flags.clear(1, 2));
        assertFalse(flags.clear(1, 2), "nothing left to clear");
        assertEquals(FlagReason.NOT_FLAGGED, flags.reasonOf(1, 2));
        assertEquals(0, flags.size());
    }

    @Test
    void aPinnedTokenLeadsToItsCardsFlagWhileTheCardIsFlagged() {
        final FlagStore flags = new FlagStore(16);
        flags.flag(10, 11, FlagReason.FRAUD_REPORT, 5);
        assertTrue(flags.pinLink(20, 21, 10, 11));
        assertEquals(FlagReason.FRAUD_REPORT, flags.reasonOf(20, 21));
        flags.clear(10, 11);
        assertEquals(FlagReason.NOT_FLAGGED, flags.reasonOf(20, 21), "the link stays but leads nowhere flagged");
    }

    @Test
    void aFullStoreRefusesNewEntriesAndDropsNone() {
        final FlagStore flags = new FlagStore(8);
        for (long card = 1; card <= 8; card++) {
            assertTrue(flags.flag(card, card, FlagReason.FRAUD_REPORT, card));
        }
        assertTrue(flags.nearlyFull());
        assertFalse(flags.flag(99, 99, FlagReason.FRAUD_REPORT, 99));
        assertFalse(flags.pinLink(98, 98, 1, 1));
        for (long card = 1; card <= 8; card++) {
            assertEquals(FlagReason.FRAUD_REPORT, flags.reasonOf(card, card), "card " + card);
        }
        assertTrue(flags.flag(3, 3, FlagReason.CARD_TESTING, 1), "a card already held needs no room");
    }

    @Test
    void clearsAndReflagsOverAndOverKeepEveryOtherFlagFindable() {
        final FlagStore flags = new FlagStore(64);
        for (long card = 1; card <= 32; card++) {
            flags.flag(card, -card, FlagReason.FRAUD_REPORT, card);
        }
        for (int round = 0; round < 10_000; round++) {
            final long churned = 1_000 + round;
            assertTrue(flags.flag(churned, churned, FlagReason.CARD_TESTING, round));
            assertTrue(flags.clear(churned, churned));
        }
        for (long card = 1; card <= 32; card++) {
            assertEquals(FlagReason.FRAUD_REPORT, flags.reasonOf(card, -card), "card " + card);
        }
        assertEquals(32, flags.size());
    }

    @Test
    void aReaderOnAnotherThreadNeverMissesAFlagTheWriterKeeps() throws InterruptedException {
        final FlagStore flags = new FlagStore(256);
        for (long card = 1; card <= 100; card++) {
            flags.flag(card, card * 7, FlagReason.FRAUD_REPORT, card);
        }
        final AtomicBoolean writing = new AtomicBoolean(true);
        final AtomicLong misses = new AtomicLong();
        final AtomicLong reads = new AtomicLong();
        final Thread reader = new Thread(() -> {
            while (writing.get() || reads.get() == 0) {
                for (long card = 1; card <= 100; card++) {
                    if (flags.reasonOf(card, card * 7) != FlagReason.FRAUD_REPORT) {
                        misses.incrementAndGet();
                    }
                    reads.incrementAndGet();
                }
            }
        });
        reader.start();
        for (int round = 0; round < 200_000; round++) {
            final long churned = 10_000 + round % 150;
            flags.flag(churned, churned, FlagReason.CARD_TESTING, round);
            flags.clear(churned, churned);
        }
        writing.set(false);
        reader.join(10_000);
        assertTrue(reads.get() > 0);
        assertEquals(0, misses.get(), "reads of kept flags that missed");
    }

    @Test
    void aSnapshotRestoresEveryEntryAndTheSameDigest() throws IOException {
        final FlagStore flags = new FlagStore(32);
        flags.flag(1, 1, FlagReason.FRAUD_REPORT, 10);
        flags.flag(2, 2, FlagReason.CARD_TESTING, 20);
        flags.pinLink(3, 3, 1, 1);
        flags.clear(2, 2);
        final ByteArrayOutputStream saved = new ByteArrayOutputStream();
        flags.writeTo(saved);
        final FlagStore restored = new FlagStore(32);
        restored.flag(9, 9, FlagReason.FRAUD_REPORT, 1);
        restored.readFrom(new ByteArrayInputStream(saved.toByteArray()));
        assertEquals(flags.digest(7), restored.digest(7));
        assertEquals(FlagReason.FRAUD_REPORT, restored.reasonOf(3, 3));
        assertEquals(FlagReason.NOT_FLAGGED, restored.reasonOf(9, 9));
        assertEquals(2, restored.size());
        flags.flag(4, 4, FlagReason.FRAUD_REPORT, 1);
        assertNotEquals(flags.digest(7), restored.digest(7));
    }
}
