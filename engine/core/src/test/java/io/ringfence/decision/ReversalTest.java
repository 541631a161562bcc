package io.ringfence.decision;

import io.ringfence.TestCards;
import io.ringfence.api.EngineCounter;
import io.ringfence.event.EngineEvent;
import io.ringfence.features.Feature;
import org.junit.jupiter.api.Test;

import static io.ringfence.TestRequests.DAY;
import static io.ringfence.TestRequests.MINUTE;
import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardNotPresent;
import static io.ringfence.TestRequests.cardPresent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReversalTest {
    private final RiskEngineHarness harness = new RiskEngineHarness();

    @Test
    void aReversedAuthorizationLeavesTheCardsMerchantsAndTerminalsWindows() {
        harness.authorize(cardPresent(TestCards.VISA, T0).requestId("a").amountMinor(10_000).build());
        harness.authorize(cardPresent(TestCards.VISA, T0 + MINUTE).requestId("b").amountMinor(5_000).build());

        final EngineEvent reversal = harness.reverse("store-1", "a", T0 + 2 * MINUTE);

        assertTrue(reversal.applied);
        assertEquals(harness.fingerprint(TestCards.VISA).high(), reversal.resolvedFingerprintHigh);
        harness.authorize(cardPresent(TestCards.VISA, T0 + 3 * MINUTE).requestId("c").build());
        assertEquals(1, harness.features().get(Feature.CP_COUNT_24H), "only b is left in the card's window");
        assertEquals(50, harness.features().get(Feature.CP_AMOUNT_24H), "and only its 50.00");
        assertEquals(1, harness.features().get(Feature.TERMINAL_TRANSACTIONS_24H), "the terminal's too");
        assertEquals(1, harness.counters().get(EngineCounter.REVERSALS).get());
    }

    @Test
    void aSecondReversalOfTheSameAuthorizationChangesNothing() {
        harness.authorize(cardPresent(TestCards.VISA, T0).requestId("a").build());
        assertTrue(harness.reverse("store-1", "a", T0 + MINUTE).applied);
        final long digest = harness.stateDigest();

        assertFalse(harness.reverse("store-1", "a", T0 + 2 * MINUTE).applied);
        assertEquals(digest, harness.stateDigest());
    }

    @Test
    void aReversalNamingNothingRememberedChangesNothing() {
        harness.authorize(cardPresent(TestCards.VISA, T0).requestId("a").build());
        final long digest = harness.stateDigest();

        assertFalse(harness.reverse("store-1", "unknown", T0 + MINUTE).applied, "unknown request id");
        assertFalse(harness.reverse("store-2", "a", T0 + MINUTE).applied, "another merchant's request id");
        assertFalse(harness.reverse("store-1", "a", T0 + 2 * DAY).applied, "past the idempotency window");
        assertEquals(digest, harness.stateDigest());
    }

    @Test
    void aReversalAfterTheWindowRolledOnTakesNothingFromLaterBuckets() {
        harness.authorize(cardNotPresent(TestCards.VISA, T0).requestId("a").build());
        harness.authorize(cardNotPresent(TestCards.VISA, T0 + 23 * 60 * MINUTE).requestId("b").build());

        assertTrue(harness.reverse("shop-1", "a", T0 + 23 * 60 * MINUTE + MINUTE).applied);

        harness.authorize(cardNotPresent(TestCards.VISA, T0 + 23 * 60 * MINUTE + 2 * MINUTE).requestId("c").build());
        assertEquals(1, harness.features().get(Feature.CNP_COUNT_1H), "b, an hour's bucket that a never touched");
        assertEquals(1, harness.features().get(Feature.CNP_COUNT_24H), "a's 24-hour bucket lost a, b stays");
    }
}
