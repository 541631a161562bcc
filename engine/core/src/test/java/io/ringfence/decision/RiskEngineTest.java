package io.ringfence.decision;

import io.ringfence.TestCards;
import io.ringfence.api.Action;
import io.ringfence.api.CardRef;
import io.ringfence.api.EngineCounter;
import io.ringfence.api.EntryMode;
import io.ringfence.api.Fingerprint;
import io.ringfence.api.FlagReason;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;
import io.ringfence.event.EngineEvent;
import io.ringfence.features.Feature;
import io.ringfence.features.FeatureSchema;
import io.ringfence.features.FeatureVector;
import io.ringfence.metrics.EngineCounters;
import io.ringfence.scoring.BuiltInPolicyScorer;
import io.ringfence.scoring.DecisionThresholds;
import io.ringfence.scoring.Scorer;
import io.ringfence.scoring.TestModels;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.ringfence.TestRequests.DAY;
import static io.ringfence.TestRequests.HOUR;
import static io.ringfence.TestRequests.MINUTE;
import static io.ringfence.TestRequests.SECOND;
import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardNotPresent;
import static io.ringfence.TestRequests.cardPresent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The business logic one event at a time, without the ring: decisions, flags, features and state. */
class RiskEngineTest {
    private final RiskEngineHarness h = new RiskEngineHarness();

    @Test
    void countsExcludeTheAuthorizationBeingScored() {
        final EngineEvent first = h.authorize(cardPresent(TestCards.VISA, T0).build());
        assertEquals(Action.APPROVE, first.action);
        assertEquals(ResponseCode.APPROVED, first.responseCode);
        assertEquals(0, first.score);
        FeatureVector f = h.features();
        assertEquals(1.0, f.get(Feature.NEW_CARD));
        assertEquals(0.0, f.get(Feature.CP_COUNT_1M));
        assertEquals(0.0, f.get(Feature.CP_COUNT_30D));
        assertEquals(0.0, f.get(Feature.AMOUNT_TO_AVERAGE_30D));
        assertEquals(Feature.values().length, f.size());

        h.authorize(cardPresent(TestCards.VISA, T0 + 10 * SECOND).amountMinor(4_000).build());
        f = h.features();
        assertEquals(0.0, f.get(Feature.NEW_CARD));
        assertEquals(1.0, f.get(Feature.CP_COUNT_1M));
        assertEquals(20.0, f.get(Feature.CP_AMOUNT_1M));
        assertEquals(10.0, f.get(Feature.SECONDS_SINCE_LAST_SEEN));
        assertEquals(2.0, f.get(Feature.AMOUNT_TO_AVERAGE_30D), 1e-9);
        assertEquals(40.0, f.get(Feature.AMOUNT));

        h.authorize(cardNotPresent(TestCards.VISA, T0 + 20 * SECOND).build());
        f = h.features();
        assertEquals(2.0, f.get(Feature.CP_COUNT_1M));
        assertEquals(0.0, f.get(Feature.CNP_COUNT_1M));
        assertEquals(1.0, f.get(Feature.CARD_NOT_PRESENT));
    }

    @Test
    void aDeviceIpAndEmailCountTheOtherCardsTheyPaidWithToday() {
        h.authorize(cardNotPresent(TestCards.VISA, T0).build());
        h.authorize(cardNotPresent(TestCards.MASTERCARD, T0 + MINUTE).build());
        h.authorize(cardNotPresent(TestCards.AMEX, T0 + 2 * MINUTE).build());
        FeatureVector f = h.features();
        assertEquals(2.0, f.get(Feature.DEVICE_CARDS_24H));
        assertEquals(2.0, f.get(Feature.IP_CARDS_24H));
        assertEquals(2.0, f.get(Feature.EMAIL_CARDS_24H));

        h.authorize(cardNotPresent(TestCards.DISCOVER, T0 + 2 * DAY).build());
        f = h.features();
        assertEquals(0.0, f.get(Feature.DEVICE_CARDS_24H), "two days later the device is fresh again");

        h.authorize(cardPresent(TestCards.VISA_2, T0 + 2 * DAY + MINUTE).build());
        assertEquals(0.0, h.features().get(Feature.DEVICE_CARDS_24H), "in store there is no device");
    }

    @Test
    void anAmountIsComparedWithTheCardsSpendingBeforeTheLastWeek() {
        h.authorize(cardPresent(TestCards.VISA, T0).amountMinor(1_000).build());
        h.authorize(cardPresent(TestCards.VISA, T0 + 10 * DAY).amountMinor(50_000).build());
        h.authorize(cardPresent(TestCards.VISA, T0 + 11 * DAY).amountMinor(5_000).build());
        final FeatureVector f = h.features();
        assertEquals(5.0, f.get(Feature.AMOUNT_TO_AVERAGE_BEFORE_7D), 1e-9, "50 over the 10 of 11 days ago");
        assertEquals(0.1, f.get(Feature.AMOUNT_TO_AVERAGE_7D), 1e-9, "50 over last week's 500");
    }

    @Test
    void aCardNotPresentFraudDeclineFlagsTheCardForBothChannelsUntilCleared() {
        final EngineEvent fraud = cardNotPresentFraud(TestCards.VISA);
        assertEquals(Action.DECLINE, fraud.action);
        assertEquals(ResponseCode.DO_NOT_HONOUR, fraud.responseCode, "a score decline does not say 59");
        assertEquals(1000, fraud.score);
        assertEquals(FlagReason.CNP_FRAUD_DECLINE, fraud.flagRaised);
        assertEquals(List.of(ReasonCode.AMOUNT_SPIKE, ReasonCode.LARGE_AMOUNT, ReasonCode.IP_COUNTRY_MISMATCH),
            reasons(fraud));

        final EngineEvent inStore = h.authorize(cardPresent(TestCards.VISA, T0 + 3 * DAY + 10 * MINUTE).build());
        assertEquals(fraud.sequence + 1, inStore.sequence, "the very next event");
        assertEquals(Action.DECLINE, inStore.action);
        assertEquals(ResponseCode.SUSPECTED_FRAUD, inStore.responseCode);
        assertEquals(List.of(ReasonCode.CARD_FLAGGED_ONLINE), reasons(inStore));
        assertEquals(FlagReason.NOT_FLAGGED, inStore.flagRaised, "the flag is raised once");

        final EngineEvent online = h.authorize(cardNotPresent(TestCards.VISA, T0 + 3 * DAY + 11 * MINUTE).build());
        assertEquals(ResponseCode.SUSPECTED_FRAUD, online.responseCode);
        assertEquals(List.of(ReasonCode.CARD_FLAGGED), reasons(online));

        final EngineEvent otherCard = h.authorize(cardPresent(TestCards.MASTERCARD, T0 + 3 * DAY + 12 * MINUTE).build());
        assertEquals(Action.APPROVE, otherCard.action);

        assertTrue(h.clearFlag(CardRef.pan(TestCards.VISA), T0 + 3 * DAY + 13 * MINUTE).applied);
        assertFalse(h.clearFlag(CardRef.pan(TestCards.VISA), T0 + 3 * DAY + 13 * MINUTE).applied, "nothing to clear");
        final EngineEvent cleared = h.authorize(cardPresent(TestCards.VISA, T0 + 3 * DAY + 20 * MINUTE).build());
        assertEquals(Action.APPROVE, cleared.action);
        assertEquals(ResponseCode.APPROVED, cleared.responseCode);

        final EngineCounters c = h.counters();
        assertEquals(1, c.flagsRaised(FlagReason.CNP_FRAUD_DECLINE).get());
        assertEquals(1, c.get(EngineCounter.CROSS_CHANNEL_BLOCKS).get());
        assertEquals(1, c.get(EngineCounter.FLAGS_CLEARED).get());
    }

    @Test
    void aFraudReportFlagsEvenACardNeverSeenAndCountsAgainstItsLastTerminal() {
        final EngineEvent report = h.reportFraud(CardRef.pan(TestCards.AMEX), T0, "shop-x", "web-1");
        assertTrue(report.applied);
        assertEquals(FlagReason.FRAUD_REPORT, report.flagRaised);
        assertEquals(h.fingerprint(TestCards.AMEX),
            new Fingerprint(report.resolvedFingerprintHigh, report.resolvedFingerprintLow));
        assertTrue(h.dump().contains("bin=378282 last4=0005"));
        assertTrue(h.dump().contains("flag=FRAUD_REPORT"));

        final EngineEvent again = h.reportFraud(CardRef.pan(TestCards.AMEX), T0 + HOUR, null, null);
        assertTrue(again.applied);
        assertEquals(FlagReason.NOT_FLAGGED, again.flagRaised, "already flagged: the first reason stands");
        assertEquals(2, h.counters().get(EngineCounter.FRAUD_REPORTS).get());
        assertEquals(1, h.counters().flagsRaised(FlagReason.FRAUD_REPORT).get());

        final EngineEvent inStore = h.authorize(cardPresent(TestCards.AMEX, T0 + 2 * HOUR).build());
        assertEquals(ResponseCode.SUSPECTED_FRAUD, inStore.responseCode);
        assertEquals(List.of(ReasonCode.CARD_FLAGGED_ONLINE), reasons(inStore));
    }

    @Test
    void cardTestingIsDeclinedWith59AndFlagsTheCard() {
        for (int attempt = 0; attempt < DecisionPolicy.CARD_TESTING_SMALL_ATTEMPTS; attempt++) {
            final EngineEvent small = h.authorize(cardNotPresent(TestCards.DISCOVER, T0 + attempt * 2 * MINUTE)
                .amountMinor(100).build());
            assertEquals(Action.APPROVE, small.action, "attempt " + attempt + " scored " + small.score);
            assertEquals(attempt, (int)h.features().get(Feature.SMALL_CNP_ATTEMPTS_1H));
        }
        final EngineEvent testing = h.authorize(cardNotPresent(TestCards.DISCOVER, T0 + 8 * MINUTE)
            .amountMinor(200).build());
        assertEquals(Action.DECLINE, testing.action);
        assertEquals(ResponseCode.SUSPECTED_FRAUD, testing.responseCode);
        assertEquals(ReasonCode.CARD_TESTING, testing.reason0);
        assertEquals(FlagReason.CARD_TESTING, testing.flagRaised);
        assertTrue(testing.score >= DecisionThresholds.DEFAULT.decline());

        final EngineEvent inStore = h.authorize(cardPresent(TestCards.DISCOVER, T0 + 9 * MINUTE).build());
        assertEquals(List.of(ReasonCode.CARD_FLAGGED_ONLINE), reasons(inStore));
    }

    @Test
    void smallAttemptsAnHourApartAreNotCardTesting() {
        for (int attempt = 0; attempt < 8; attempt++) {
            final EngineEvent small = h.authorize(cardNotPresent(TestCards.DISCOVER, T0 + attempt * HOUR)
                .amountMinor(100).build());
            assertEquals(Action.APPROVE, small.action, "attempt " + attempt);
        }
    }

    @Test
    void impossibleTravelIsCardPresentUseInAnotherCountryWithinTwoHours() {
        h.authorize(cardPresent(TestCards.VISA, T0).build());
        final EngineEvent paris = h.authorize(cardPresent(TestCards.VISA, T0 + 30 * MINUTE).merchantId("boutique")
            .merchantCountry("FR").build());
        assertEquals(1.0, h.features().get(Feature.IMPOSSIBLE_TRAVEL));
        assertEquals(510, paris.score);
        assertEquals(Action.REVIEW, paris.action, "card-present never challenges: it approves for review");
        assertEquals(ResponseCode.APPROVED, paris.responseCode);
        assertEquals(List.of(ReasonCode.IMPOSSIBLE_TRAVEL, ReasonCode.FOREIGN_MERCHANT), reasons(paris));

        h.authorize(cardPresent(TestCards.VISA_2, T0).build());
        h.authorize(cardPresent(TestCards.VISA_2, T0 + 2 * HOUR - SECOND).merchantCountry("FR").build());
        assertEquals(1.0, h.features().get(Feature.IMPOSSIBLE_TRAVEL), "one second inside two hours");

        h.authorize(cardPresent(TestCards.MASTERCARD, T0).build());
        h.authorize(cardPresent(TestCards.MASTERCARD, T0 + 2 * HOUR).merchantCountry("FR").build());
        assertEquals(0.0, h.features().get(Feature.IMPOSSIBLE_TRAVEL), "two hours is possible");

        h.authorize(cardNotPresent(TestCards.MASTERCARD, T0 + 2 * HOUR + MINUTE).merchantCountry("JP").build());
        assertEquals(0.0, h.features().get(Feature.IMPOSSIBLE_TRAVEL), "online is not travel");
        h.authorize(cardPresent(TestCards.MASTERCARD, T0 + 2 * HOUR + 2 * MINUTE).merchantCountry("FR").build());
        assertEquals(0.0, h.features().get(Feature.IMPOSSIBLE_TRAVEL), "same country as the last store");
    }

    @Test
    void aDeviceNotSeenWithTheCardIsNewButOnlyOnceTheCardHasADeviceHistory() {
        h.authorize(cardNotPresent(TestCards.VISA, T0).deviceId("phone").build());
        assertEquals(0.0, h.features().get(Feature.NEW_DEVICE), "no device history yet");
        final EngineEvent laptop = h.authorize(cardNotPresent(TestCards.VISA, T0 + HOUR).deviceId("laptop").build());
        assertEquals(1.0, h.features().get(Feature.NEW_DEVICE));
        assertEquals(150, laptop.score);
        assertEquals(List.of(), reasons(laptop), "approved: the new device did not matter to the decision");
        h.authorize(cardNotPresent(TestCards.VISA, T0 + 2 * HOUR).deviceId("phone").build());
        assertEquals(0.0, h.features().get(Feature.NEW_DEVICE));
        assertEquals(2.0, h.features().get(Feature.DISTINCT_DEVICES));
    }

    @Test
    void fraudReportsMarkTheTerminalsAndMerchantWhereTheCardWasUsed() {
        h.authorize(cardPresent(TestCards.VISA, T0).merchantId("store-9").terminalId("till-9").build());
        h.reportFraud(CardRef.pan(TestCards.VISA), T0 + DAY, "shop-x", "web-1");

        h.authorize(cardPresent(TestCards.VISA_2, T0 + DAY + HOUR).merchantId("store-9").terminalId("till-9").build());
        assertEquals(1.0, h.features().get(Feature.TERMINAL_FRAUD_REPORTS_30D), "the reported card's last store");
        assertEquals(0.0, h.features().get(Feature.MERCHANT_FRAUD_REPORTS_30D), "the report named another merchant");

        h.authorize(cardPresent(TestCards.AMEX, T0 + DAY + 2 * HOUR).merchantId("store-9").terminalId("till-9").build());
        h.reportFraud(CardRef.pan(TestCards.AMEX), T0 + DAY + 3 * HOUR, null, null);

        final EngineEvent atSkimmer = h.authorize(cardPresent(TestCards.DISCOVER, T0 + DAY + 4 * HOUR)
            .merchantId("store-9").terminalId("till-9").build());
        assertEquals(2.0, h.features().get(Feature.TERMINAL_FRAUD_REPORTS_30D));
        assertEquals(2.0 / 3, h.features().get(Feature.TERMINAL_COMPROMISE_RATE_30D), 1e-9,
            "two of the three cards that paid there were reported");
        assertEquals(500, atSkimmer.score);
        assertEquals(List.of(ReasonCode.COMPROMISED_TERMINAL), reasons(atSkimmer));

        final EngineEvent elsewhere = h.authorize(cardPresent(TestCards.VISA_2, T0 + DAY + 5 * HOUR).build());
        assertEquals(2.0, h.features().get(Feature.LAST_CP_TERMINAL_FRAUD_REPORTS_30D));
        assertEquals(0.0, h.features().get(Feature.TERMINAL_FRAUD_REPORTS_30D));
        assertTrue(elsewhere.score > 0, "the card's last store counts against it");
        assertEquals(List.of(), reasons(elsewhere), "approved: no reason to give");

        h.authorize(cardNotPresent(TestCards.MASTERCARD, T0 + DAY + 6 * HOUR).merchantId("shop-x").build());
        assertEquals(1.0, h.features().get(Feature.MERCHANT_FRAUD_REPORTS_30D));
        assertEquals(1.0, h.features().get(Feature.MERCHANT_FRAUD_RATE_24H), "one fraud there, no payment before");
        assertEquals(0.0, h.features().get(Feature.TERMINAL_FRAUD_RATE_24H), "the payment named no terminal");

        h.authorize(cardPresent(TestCards.DISCOVER, T0 + 40 * DAY).merchantId("store-9").terminalId("till-9").build());
        assertEquals(0.0, h.features().get(Feature.TERMINAL_FRAUD_REPORTS_30D), "reports age out after 30 days");
        assertEquals(0.0, h.features().get(Feature.TERMINAL_TRANSACTIONS_24H), "and transactions after a day");
    }

    @Test
    void aCompromisedCardCountsOnceAtItsPointOfCompromiseAndNeverWhereTheFraudHappened() {
        h.authorize(cardPresent(TestCards.VISA, T0).merchantId("store-9").terminalId("till-9").build());
        h.authorize(cardPresent(TestCards.VISA, T0 + HOUR).merchantId("store-5").terminalId("till-5").build());
        h.reportFraud(CardRef.pan(TestCards.VISA), T0 + DAY, "store-5", "till-5");

        h.authorize(cardPresent(TestCards.VISA_2, T0 + DAY + HOUR).merchantId("store-5").terminalId("till-5").build());
        assertEquals(0.0, h.features().get(Feature.TERMINAL_FRAUD_REPORTS_30D),
            "a counterfeit swiped at till-5 says nothing of where the card was copied");
        assertEquals(1.0, h.features().get(Feature.MERCHANT_FRAUD_REPORTS_30D), "the merchant where it was spent");

        h.authorize(cardPresent(TestCards.AMEX, T0 + DAY + 2 * HOUR).merchantId("store-9").terminalId("till-9").build());
        for (int payment = 0; payment < 3; payment++) {
            h.reportFraud(CardRef.pan(TestCards.AMEX), T0 + 2 * DAY + payment * MINUTE, "shop-x", "web-1");
        }
        h.authorize(cardPresent(TestCards.DISCOVER, T0 + 2 * DAY + HOUR).merchantId("store-9").terminalId("till-9")
            .build());
        assertEquals(1.0, h.features().get(Feature.TERMINAL_FRAUD_REPORTS_30D),
            "one compromised card counts once, however many payments its claim lists");
    }

    @Test
    void twoSignalsForOneReasonGiveTheReasonOnceAndReasonsAreStrongestFirst() {
        h.authorize(cardPresent(TestCards.VISA, T0).build());
        final EngineEvent swiped = h.authorize(cardPresent(TestCards.VISA, T0 + HOUR).entryMode(EntryMode.SWIPE)
            .mcc(6051).build());
        assertEquals(250 + 80 + 100, swiped.score);
        assertEquals(Action.REVIEW, swiped.action);
        assertEquals(List.of(ReasonCode.FALLBACK_ENTRY, ReasonCode.HIGH_RISK_MCC), reasons(swiped));
    }

    @Test
    void aLinkedTokenSharesItsCardsHistoryAndFlag() {
        final String token = TestCards.pan("489537", 1);
        h.authorize(cardPresent(TestCards.VISA, T0).build());
        final EngineEvent link = h.linkToken(CardRef.pan(token), CardRef.pan(TestCards.VISA), T0 + MINUTE);
        assertTrue(link.applied);
        assertEquals(h.fingerprint(TestCards.VISA), new Fingerprint(link.resolvedFingerprintHigh, link.resolvedFingerprintLow));

        final EngineEvent byToken = h.authorize(cardPresent(token, T0 + 2 * MINUTE).entryMode(EntryMode.WALLET).build());
        assertEquals(h.fingerprint(TestCards.VISA),
            new Fingerprint(byToken.resolvedFingerprintHigh, byToken.resolvedFingerprintLow));
        assertEquals(0.0, h.features().get(Feature.NEW_CARD));
        assertEquals(1.0, h.features().get(Feature.CP_COUNT_1H));

        h.reportFraud(CardRef.pan(token), T0 + 3 * MINUTE, null, null);
        final EngineEvent byPan = h.authorize(cardPresent(TestCards.VISA, T0 + 4 * MINUTE).build());
        assertEquals(List.of(ReasonCode.CARD_FLAGGED_ONLINE), reasons(byPan), "reported by token, refused by PAN");
        assertTrue(h.clearFlag(CardRef.pan(token), T0 + 5 * MINUTE).applied);
        assertEquals(Action.APPROVE, h.authorize(cardPresent(token, T0 + 6 * MINUTE)
            .entryMode(EntryMode.WALLET).build()).action);
    }

    @Test
    void aRejectedRequestIsAnsweredAndCountedButChangesNoState() {
        h.authorize(cardPresent(TestCards.VISA, T0).build());
        final long before = h.stateDigest();
        final EngineEvent rejected = h.authorize(cardPresent(TestCards.VISA, T0 + MINUTE).amountMinor(-1).build());
        assertEquals(Action.DECLINE, rejected.action);
        assertEquals(ResponseCode.INVALID_AMOUNT, rejected.responseCode);
        assertEquals(List.of(ReasonCode.AMOUNT_NEGATIVE), reasons(rejected));
        assertEquals(before, h.stateDigest());
        assertEquals(1, h.counters().snapshot().get("rejections.AMOUNT_NEGATIVE"));
        assertEquals(1, h.counters().get(EngineCounter.AUTHORIZATIONS_CP).get());
    }

    @Test
    void aZeroAmountAccountVerificationIsScoredAndRecordedInTheCardHistory() {
        final EngineEvent verification = h.authorize(cardPresent(TestCards.VISA, T0).amountMinor(0).build());
        assertEquals(Action.APPROVE, verification.action);
        assertNull(verification.rejection, "decided by the business logic, not refused at ingress");
        h.authorize(cardPresent(TestCards.VISA, T0 + MINUTE).build());
        assertEquals(1.0, h.features().get(Feature.CP_COUNT_1H));
    }

    @Test
    void theSameEventsGiveTheSameStateAndAnotherEventAnotherState() {
        final RiskEngineHarness other = new RiskEngineHarness();
        for (final RiskEngineHarness x : List.of(h, other)) {
            cardNotPresentFraudOn(x, TestCards.VISA);
            x.authorize(cardPresent(TestCards.VISA, T0 + 4 * DAY).build());
            x.reportFraud(CardRef.pan(TestCards.AMEX), T0 + 4 * DAY, "m", "t");
            x.linkToken(CardRef.pan(TestCards.pan("489537", 9)), CardRef.pan(TestCards.AMEX), T0 + 4 * DAY);
        }
        assertEquals(h.stateDigest(), other.stateDigest());
        assertEquals(h.dump(), other.dump());
        other.authorize(cardPresent(TestCards.MASTERCARD, T0 + 5 * DAY).build());
        assertNotEquals(h.stateDigest(), other.stateDigest());
    }

    @Test
    void aScorerForAnotherFeatureSchemaIsRefused() {
        final Scorer stale = TestModels.staleSchema("stale-model");
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new RiskEngineHarness(8, stale));
        assertTrue(e.getMessage().contains(FeatureSchema.ID));
    }

    @Test
    void anEvictedCardComesBackAsANewCard() {
        final RiskEngineHarness tiny = new RiskEngineHarness(2, new BuiltInPolicyScorer());
        tiny.authorize(cardPresent(TestCards.VISA, T0).build());
        tiny.authorize(cardPresent(TestCards.VISA_2, T0 + MINUTE).build());
        tiny.authorize(cardPresent(TestCards.AMEX, T0 + 2 * MINUTE).build());
        assertEquals(1, tiny.counters().get(EngineCounter.CARD_EVICTIONS).get());
        assertEquals(2, tiny.counters().get(EngineCounter.CARDS_HELD).get());
        tiny.authorize(cardPresent(TestCards.VISA, T0 + 3 * MINUTE).build());
        assertEquals(1.0, tiny.features().get(Feature.NEW_CARD));
    }

    private EngineEvent cardNotPresentFraud(final String pan) {
        return cardNotPresentFraudOn(h, pan);
    }

    /** Three ordinary purchases a day apart, then 6,000 from a new device in another country. */
    static EngineEvent cardNotPresentFraudOn(final RiskEngineHarness x, final String pan) {
        for (int day = 0; day < 3; day++) {
            final EngineEvent ordinary = x.authorize(cardNotPresent(pan, T0 + day * DAY).amountMinor(5_000).build());
            assertEquals(Action.APPROVE, ordinary.action, "ordinary purchase on day " + day);
        }
        return x.authorize(cardNotPresent(pan, T0 + 3 * DAY).amountMinor(600_000).deviceId("never-seen")
            .ipAddress("192.0.2.66").ipCountry("RU").billingCountry("RU").build());
    }

    static List<ReasonCode> reasons(final EngineEvent event) {
        final List<ReasonCode> reasons = new ArrayList<>();
        for (final ReasonCode r : new ReasonCode[] {event.reason0, event.reason1, event.reason2}) {
            if (r != null) {
                reasons.add(r);
            }
        }
        return reasons;
    }
}
