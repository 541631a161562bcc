package io.ringfence.decision;

import io.ringfence.TestCards;
import io.ringfence.api.Action;
import io.ringfence.api.CardRef;
import io.ringfence.api.EngineCounter;
import io.ringfence.api.EntryMode;
import io.ringfence.api.FlagReason;
import io.ringfence.api.ReasonCode;
import io.ringfence.event.EngineEvent;
import io.ringfence.features.Feature;
import io.ringfence.scoring.Scorer;
import io.ringfence.scoring.TestModels;
import org.junit.jupiter.api.Test;

import static io.ringfence.TestRequests.HOUR;
import static io.ringfence.TestRequests.MINUTE;
import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardNotPresent;
import static io.ringfence.TestRequests.cardPresent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What raises a cross-channel flag and what lifts one: a score flags a card only when it is sure or corroborated, and
 * strong customer authentication lifts a flag a score raised but never one a fraud report raised.
 */
class PreciseFlagsTest {
    /** Scores online payments at the amount in major units (so a test picks its score), in-store payments 0. */
    private static final Scorer AMOUNT_IS_SCORE = TestModels.scoring("test/amount-is-score",
        (features, contributions) -> {
            if (features.get(Feature.CARD_NOT_PRESENT) == 0.0) {
                return 0;
            }
            final int score = (int)Math.min(1000, features.get(Feature.AMOUNT));
            contributions[Feature.AMOUNT.ordinal()] = score;
            return score;
        });

    private final RiskEngineHarness h = new RiskEngineHarness(64, AMOUNT_IS_SCORE);

    /** Card history at home: an in-store payment in the US, then the online device the card is used from. */
    private void homeHistory() {
        h.authorize(cardPresent(TestCards.VISA, T0).build());
        h.authorize(cardNotPresent(TestCards.VISA, T0 + MINUTE).amountMinor(1_000).build());
    }

    private static long majorUnits(final int amount) {
        return amount * 100L;
    }

    @Test
    void aDeclineBelowTheFlagScoreDeclinesWithoutFlagging() {
        homeHistory();
        final EngineEvent declined = h.authorize(cardNotPresent(TestCards.VISA, T0 + HOUR)
            .amountMinor(majorUnits(850)).build());
        assertEquals(Action.DECLINE, declined.action);
        assertEquals(FlagReason.NOT_FLAGGED, declined.flagRaised);

        final EngineEvent tap = h.authorize(cardPresent(TestCards.VISA, T0 + 2 * HOUR).build());
        assertEquals(Action.APPROVE, tap.action, "the cardholder's tap is not refused for a score's doubt");
    }

    @Test
    void aDeclineFromTheFlagScoreFlags() {
        homeHistory();
        final EngineEvent declined = h.authorize(cardNotPresent(TestCards.VISA, T0 + HOUR)
            .amountMinor(majorUnits(DecisionPolicy.MODEL_FLAG_SCORE)).build());
        assertEquals(FlagReason.CNP_FRAUD_DECLINE, declined.flagRaised);
        assertEquals(ReasonCode.CARD_FLAGGED_ONLINE,
            h.authorize(cardPresent(TestCards.VISA, T0 + 2 * HOUR).build()).reason0);
    }

    @Test
    void aReviewFromWhereTheCardIsNotIsDeclinedAndFlags() {
        homeHistory();
        final EngineEvent thief = h.authorize(cardNotPresent(TestCards.VISA, T0 + HOUR).amountMinor(majorUnits(650))
            .ipCountry("RO").deviceId("thief-laptop").build());
        assertEquals(Action.DECLINE, thief.action);
        assertEquals(ReasonCode.CARD_ELSEWHERE, thief.reason0);
        assertEquals(FlagReason.CNP_FRAUD_DECLINE, thief.flagRaised);
    }

    @Test
    void aTravellerPayingOnlineWhereTheCardWasLastUsedInStoreIsNotCorroborated() {
        homeHistory();
        h.authorize(cardPresent(TestCards.VISA, T0 + HOUR).merchantCountry("FR").build());
        final EngineEvent booking = h.authorize(cardNotPresent(TestCards.VISA, T0 + 2 * HOUR)
            .amountMinor(majorUnits(650)).ipCountry("FR").deviceId("new-laptop").build());
        assertEquals(Action.REVIEW, booking.action);
        assertEquals(FlagReason.NOT_FLAGGED, booking.flagRaised);
    }

    @Test
    void chipAndPinLiftsAScoresFlag() {
        homeHistory();
        h.authorize(cardNotPresent(TestCards.VISA, T0 + HOUR).amountMinor(majorUnits(990)).build());
        final EngineEvent pin = h.authorize(cardPresent(TestCards.VISA, T0 + 2 * HOUR)
            .entryMode(EntryMode.CHIP_AND_PIN).build());
        assertEquals(Action.APPROVE, pin.action);
        assertEquals(1, h.counters().get(EngineCounter.FLAGS_CLEARED_BY_AUTHENTICATION).get());
        assertEquals(Action.APPROVE, h.authorize(cardPresent(TestCards.VISA, T0 + 3 * HOUR).build()).action,
            "the flag is gone for the next tap too");
    }

    @Test
    void strongAuthenticationNeverLiftsAReportedFraudsFlag() {
        homeHistory();
        h.reportFraud(CardRef.pan(TestCards.VISA), T0 + HOUR, "shop-1", "till-1");
        final EngineEvent pin = h.authorize(cardPresent(TestCards.VISA, T0 + 2 * HOUR)
            .entryMode(EntryMode.CHIP_AND_PIN).build());
        assertEquals(Action.DECLINE, pin.action);
        assertEquals(ReasonCode.CARD_FLAGGED_ONLINE, pin.reason0);
        assertEquals(0, h.counters().get(EngineCounter.FLAGS_CLEARED_BY_AUTHENTICATION).get());
    }

    @Test
    void aThreeDSecurePaymentIsNeverFlaggedOnItsScore() {
        homeHistory();
        final EngineEvent authenticated = h.authorize(cardNotPresent(TestCards.VISA, T0 + HOUR)
            .entryMode(EntryMode.ECOMMERCE_3DS).amountMinor(majorUnits(990)).ipCountry("RO")
            .deviceId("new-laptop").build());
        assertEquals(Action.DECLINE, authenticated.action);
        assertEquals(FlagReason.NOT_FLAGGED, authenticated.flagRaised);
        assertNull(authenticated.ruleName);
    }
}
