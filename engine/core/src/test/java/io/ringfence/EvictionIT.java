package io.ringfence;

import io.ringfence.api.CardNumbers;
import io.ringfence.api.CardRef;
import io.ringfence.api.EngineStats;
import io.ringfence.api.FraudReport;
import io.ringfence.api.FraudReportKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static io.ringfence.TestRequests.MINUTE;
import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardPresent;
import static io.ringfence.TestRequests.smallEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A full card store evicts the least recently seen card, counts it, and keeps a flagged card while it can. */
@Timeout(60)
class EvictionIT {
    private static final int CAPACITY = 64;
    private static final List<String> CARDS = TestCards.pans("453201", CAPACITY + 20);

    @Test
    void theLeastRecentlySeenCardsGoAndAFlaggedOneStays() {
        try (Engine engine = Engine.start(smallEngine().cardCapacity(CAPACITY).build())) {
            final String stolen = CARDS.get(CARDS.size() - 1);
            assertTrue(engine.reportFraud(FraudReport.of(CardRef.pan(stolen), FraudReportKind.ISSUER_REPORT, T0))
                .isApplied());
            long time = T0;
            for (int i = 0; i < CAPACITY - 1; i++) {
                engine.authorize(cardPresent(CARDS.get(i), time += MINUTE).build());
            }
            assertEquals(CAPACITY, engine.cardCount());
            assertEquals(0, engine.stats().counter("cards.evicted"));

            for (int i = 0; i < 5; i++) {
                engine.authorize(cardPresent(CARDS.get(i), time += MINUTE).build());
            }
            final int extra = 10;
            for (int i = CAPACITY - 1; i < CAPACITY - 1 + extra; i++) {
                engine.authorize(cardPresent(CARDS.get(i), time += MINUTE).build());
            }

            assertEquals(CAPACITY, engine.cardCount());
            final EngineStats stats = engine.stats();
            assertEquals(extra, stats.counter("cards.evicted"));
            assertEquals(0, stats.counter("cards.evicted.flagged"));
            assertEquals(CAPACITY, stats.counter("cards.held"));

            final String dump = engine.stateDump();
            for (int i = 0; i < CAPACITY - 1 + extra; i++) {
                final boolean evicted = i >= 5 && i < 5 + extra;
                assertEquals(!evicted, dump.contains(TestCards.fingerprint(CARDS.get(i)).toString()),
                    CardNumbers.mask(CARDS.get(i)) + (evicted ? " should be evicted" : " should be kept"));
            }
            assertTrue(dump.contains(TestCards.fingerprint(stolen).toString()), "the flagged card, oldest of all, is kept");
            CrossChannelBlockIT.assertBlockedInStore(engine.authorize(cardPresent(stolen, time += MINUTE).build()));
        }
    }

    @Test
    void aFraudReportThatCreatesACardInAFullStoreCountsItsEviction() {
        try (Engine engine = Engine.start(smallEngine().cardCapacity(2).build())) {
            engine.authorize(cardPresent(CARDS.get(0), T0).build());
            engine.authorize(cardPresent(CARDS.get(1), T0 + MINUTE).build());
            engine.reportFraud(FraudReport.of(CardRef.pan(CARDS.get(2)), FraudReportKind.ISSUER_REPORT, T0 + 2 * MINUTE));
            assertEquals(2, engine.cardCount());
            final EngineStats stats = engine.stats();
            assertEquals(1, stats.counter("cards.evicted"));
            assertEquals(2, stats.counter("cards.held"));
            assertFalse(engine.stateDump().contains(TestCards.fingerprint(CARDS.get(0)).toString()));
        }
    }
}
