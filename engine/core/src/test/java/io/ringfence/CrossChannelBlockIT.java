package io.ringfence;

import io.ringfence.api.Ack;
import io.ringfence.api.Action;
import io.ringfence.api.CardRef;
import io.ringfence.api.Decision;
import io.ringfence.api.EngineStats;
import io.ringfence.api.EntryMode;
import io.ringfence.api.Fingerprint;
import io.ringfence.api.FlagReason;
import io.ringfence.api.FraudReport;
import io.ringfence.api.FraudReportKind;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;
import io.ringfence.api.WaitStrategyKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.ringfence.TestRequests.DAY;
import static io.ringfence.TestRequests.MINUTE;
import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardNotPresent;
import static io.ringfence.TestRequests.cardPresent;
import static io.ringfence.TestRequests.smallEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The signature promise, through the whole pipeline: a card flagged online (a fraud decline, a fraud report, card
 * testing) is refused at the next in-store tap with 59 and CARD_FLAGGED_ONLINE, until its flag is cleared.
 */
@Timeout(60)
class CrossChannelBlockIT {
    static Stream<Arguments> configurations() {
        return Stream.of(
            Arguments.of(WaitStrategyKind.PHASED_BACKOFF, 1024),
            Arguments.of(WaitStrategyKind.BLOCKING, 2),
            Arguments.of(WaitStrategyKind.SLEEPING, 8),
            Arguments.of(WaitStrategyKind.YIELDING, 64));
    }

    @ParameterizedTest(name = "{0}, ring of {1}")
    @MethodSource("configurations")
    void aCardDeclinedForFraudOnlineIsDeclinedAtTheNextInStoreTapUntilCleared(final WaitStrategyKind wait,
        final int ringSize) {
        try (Engine engine = Engine.start(smallEngine().waitStrategy(wait).ringSize(ringSize).build())) {
            final Decision fraud = cardNotPresentFraud(engine, TestCards.VISA);
            assertEquals(Action.DECLINE, fraud.action());
            assertEquals(ResponseCode.DO_NOT_HONOUR, fraud.responseCode());
            assertEquals(ReasonCode.AMOUNT_SPIKE, fraud.primaryReason());
            assertTrue(fraud.reasons().contains(ReasonCode.IP_COUNTRY_MISMATCH));
            assertEquals(FlagReason.CNP_FRAUD_DECLINE, fraud.flagRaised(), "the decision says it flagged the card");

            final Decision tap = engine.authorize(cardPresent(TestCards.VISA, T0 + 3 * DAY + 10 * MINUTE).build());
            assertBlockedInStore(tap);
            assertEquals(FlagReason.NOT_FLAGGED, tap.flagRaised(), "a block raises no new flag");
            assertEquals(fraud.sequence() + 1, tap.sequence(), "the very next event sees the flag");
            assertEquals(TestCards.fingerprint(TestCards.VISA), tap.fingerprint());

            final Decision otherCard = engine.authorize(cardPresent(TestCards.MASTERCARD, T0 + 3 * DAY + 11 * MINUTE)
                .build());
            assertEquals(Action.APPROVE, otherCard.action(), "only the flagged card is refused");

            final Ack cleared = engine.clearFlag(CardRef.pan(TestCards.VISA));
            assertEquals(Ack.Status.APPLIED, cleared.status());
            assertEquals(TestCards.fingerprint(TestCards.VISA), cleared.fingerprint());
            assertEquals(Ack.Status.NO_CHANGE, engine.clearFlag(CardRef.pan(TestCards.VISA)).status());

            final Decision approved = engine.authorize(cardPresent(TestCards.VISA, T0 + 3 * DAY + 20 * MINUTE).build());
            assertEquals(Action.APPROVE, approved.action());
            assertEquals(ResponseCode.APPROVED, approved.responseCode());

            final EngineStats stats = engine.stats();
            assertEquals(1, stats.counter("flags.raised.CNP_FRAUD_DECLINE"));
            assertEquals(1, stats.counter("flags.blocked.CP"));
            assertEquals(1, stats.counter("flags.cleared"));
            assertEquals(1, stats.flagToBlock().count(), "flag-to-block is measured for the one flag raised");
        }
    }

    @Test
    void aFraudReportBlocksTheCardInStoreAndOnlineUntilAnAnalystClearsIt() {
        try (Engine engine = Engine.start(smallEngine().build())) {
            assertEquals(Action.APPROVE, engine.authorize(cardPresent(TestCards.AMEX, T0).build()).action());

            final Ack report = engine.reportFraud(new FraudReport(CardRef.pan(TestCards.AMEX),
                FraudReportKind.FRAUD_CHARGEBACK, T0 + MINUTE, "shop-1", null));
            assertEquals(Ack.Status.APPLIED, report.status());
            assertTrue(report.isApplied());
            assertTrue(report.latencyNanos() > 0, "the acknowledgement carries the engine's latency");
            assertEquals(TestCards.fingerprint(TestCards.AMEX), report.fingerprint());

            assertBlockedInStore(engine.authorize(cardPresent(TestCards.AMEX, T0 + 2 * MINUTE).build()));
            final Decision online = engine.authorize(cardNotPresent(TestCards.AMEX, T0 + 3 * MINUTE).build());
            assertEquals(ResponseCode.SUSPECTED_FRAUD, online.responseCode());
            assertEquals(List.of(ReasonCode.CARD_FLAGGED), online.reasons());

            final Ack cleared = engine.clearFlag(CardRef.fingerprint(report.fingerprint()));
            assertEquals(Ack.Status.APPLIED, cleared.status(), "an analyst clears by the fingerprint they saw");
            assertEquals(Action.APPROVE, engine.authorize(cardPresent(TestCards.AMEX, T0 + 4 * MINUTE).build()).action());
            assertEquals(1, engine.stats().counter("fraud.reports"));
            assertEquals(1, engine.stats().counter("flags.raised.FRAUD_REPORT"));
        }
    }

    @Test
    void declinesCausedByTheFlagDoNotReFlagTheCardOnceAnAnalystClearsIt() {
        try (Engine engine = Engine.start(smallEngine().build())) {
            engine.reportFraud(FraudReport.of(CardRef.pan(TestCards.VISA), FraudReportKind.ISSUER_REPORT, T0));
            for (int attempt = 1; attempt <= 4; attempt++) {
                final Decision refused = engine.authorize(cardNotPresent(TestCards.VISA, T0 + attempt * MINUTE).build());
                assertEquals(List.of(ReasonCode.CARD_FLAGGED), refused.reasons());
            }
            assertEquals(Ack.Status.APPLIED, engine.clearFlag(CardRef.pan(TestCards.VISA)).status());

            final Decision online = engine.authorize(cardNotPresent(TestCards.VISA, T0 + 10 * MINUTE).build());
            assertTrue(online.isApproved(), "the four flag declines are not card-testing evidence: " + online.reasons());
            assertEquals(0, engine.stats().counter("flags.raised.CARD_TESTING"));
        }
    }

    @Test
    void aReportForACardNeverSeenBlocksItsFirstInStoreUse() {
        try (Engine engine = Engine.start(smallEngine().build())) {
            final Fingerprint card = TestCards.fingerprint(TestCards.DISCOVER);
            assertEquals(Ack.Status.APPLIED, engine.reportFraud(FraudReport.of(CardRef.fingerprint(card),
                FraudReportKind.ANALYST_VERDICT, T0)).status());
            assertBlockedInStore(engine.authorize(cardPresent(TestCards.DISCOVER, T0 + MINUTE).build()));
        }
    }

    @Test
    void cardTestingOnlineFlagsTheCardAndBlocksItInStore() {
        try (Engine engine = Engine.start(smallEngine().build())) {
            Decision last = null;
            for (int attempt = 0; attempt <= 4; attempt++) {
                last = engine.authorize(cardNotPresent(TestCards.VISA_2, T0 + attempt * 2 * MINUTE)
                    .amountMinor(100 + attempt).build());
                if (attempt < 4) {
                    assertEquals(Action.APPROVE, last.action(), "small attempt " + attempt);
                }
            }
            assertEquals(Action.DECLINE, last.action());
            assertEquals(ResponseCode.SUSPECTED_FRAUD, last.responseCode());
            assertEquals(ReasonCode.CARD_TESTING, last.primaryReason());
            assertEquals(FlagReason.CARD_TESTING, last.flagRaised());
            assertEquals(1, engine.stats().counter("flags.raised.CARD_TESTING"));

            assertBlockedInStore(engine.authorize(cardPresent(TestCards.VISA_2, T0 + 20 * MINUTE).build()));
        }
    }

    @Test
    void aLinkedWalletTokenSharesItsCardsFlagBothWays() {
        final String token = TestCards.pan("489537", 42);
        final String otherToken = TestCards.pan("489537", 43);
        try (Engine engine = Engine.start(smallEngine().build())) {
            final Ack link = engine.linkToken(CardRef.pan(token), CardRef.pan(TestCards.VISA));
            assertEquals(Ack.Status.APPLIED, link.status());
            assertEquals(TestCards.fingerprint(TestCards.VISA), link.fingerprint());
            assertEquals(1, engine.stats().counter("token.links"));

            final Decision wallet = engine.authorize(cardPresent(token, T0).entryMode(EntryMode.WALLET).build());
            assertEquals(Action.APPROVE, wallet.action());
            assertEquals(TestCards.fingerprint(TestCards.VISA), wallet.fingerprint(), "the token resolves to its card");

            cardNotPresentFraud(engine, TestCards.VISA);
            assertBlockedInStore(engine.authorize(cardPresent(token, T0 + 3 * DAY + MINUTE)
                .entryMode(EntryMode.WALLET).build()));
            assertEquals(Ack.Status.APPLIED, engine.clearFlag(CardRef.pan(token)).status(), "cleared through the token");
            assertEquals(Action.APPROVE, engine.authorize(cardPresent(TestCards.VISA, T0 + 3 * DAY + 2 * MINUTE)
                .build()).action());

            engine.linkToken(CardRef.pan(otherToken), CardRef.pan(TestCards.MASTERCARD));
            engine.reportFraud(FraudReport.of(CardRef.pan(otherToken), FraudReportKind.ISSUER_REPORT, T0 + 4 * DAY));
            assertBlockedInStore(engine.authorize(cardPresent(TestCards.MASTERCARD, T0 + 4 * DAY + MINUTE).build()));
            assertEquals(Action.APPROVE, engine.authorize(cardPresent(TestCards.AMEX, T0 + 4 * DAY + 2 * MINUTE)
                .build()).action(), "an unlinked card is untouched");
        }
    }

    @Test
    void aControlEventForAnUnreadableCardIsRejectedNotApplied() {
        try (Engine engine = Engine.start(smallEngine().build())) {
            final Ack bad = engine.reportFraud(FraudReport.of(CardRef.pan(TestCards.withBadCheckDigit(TestCards.VISA)),
                FraudReportKind.ISSUER_REPORT, T0));
            assertEquals(Ack.Status.REJECTED, bad.status());
            assertFalse(bad.isApplied());
            assertEquals(Fingerprint.NONE, bad.fingerprint());
            assertEquals(-1, bad.sequence());
            assertEquals(ReasonCode.INVALID_PAN.description(), bad.detail());
            assertEquals(Ack.Status.REJECTED, engine.clearFlag(CardRef.fingerprint(Fingerprint.NONE)).status());
            assertEquals(Ack.Status.REJECTED, engine.linkToken(CardRef.pan("1234"), CardRef.pan(TestCards.VISA)).status());
            assertEquals(3, engine.stats().counter("control.rejected"));
            assertEquals(0, engine.cardCount());
        }
    }

    /** Three ordinary online purchases a day apart, then 6,000 from a new device in another country. */
    static Decision cardNotPresentFraud(final Engine engine, final String pan) {
        for (int day = 0; day < 3; day++) {
            final Decision ordinary = engine.authorize(cardNotPresent(pan, T0 + day * DAY).amountMinor(5_000).build());
            assertEquals(Action.APPROVE, ordinary.action(), "ordinary purchase on day " + day);
        }
        return engine.authorize(cardNotPresent(pan, T0 + 3 * DAY).amountMinor(600_000).deviceId("never-seen")
            .ipAddress("192.0.2.66").ipCountry("RU").billingCountry("RU").build());
    }

    static void assertBlockedInStore(final Decision d) {
        assertEquals(Action.DECLINE, d.action());
        assertEquals(ResponseCode.SUSPECTED_FRAUD, d.responseCode());
        assertEquals("59", d.responseCode().code());
        assertEquals(List.of(ReasonCode.CARD_FLAGGED_ONLINE), d.reasons());
        assertEquals(1000, d.score());
        assertFalse(d.standIn());
        assertFalse(d.isApproved());
    }
}
