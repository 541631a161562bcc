package io.ringfence;

import io.ringfence.api.Ack;
import io.ringfence.api.Action;
import io.ringfence.api.CardRef;
import io.ringfence.api.Decision;
import io.ringfence.api.FraudReport;
import io.ringfence.api.FraudReportKind;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;

import static io.ringfence.TestRequests.MINUTE;
import static io.ringfence.TestRequests.cardNotPresent;
import static io.ringfence.TestRequests.cardPresent;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Time is not taken on trust: a live request or report whose own time is more than the allowed skew from the engine's
 * clock is refused, and a card's expiry is judged by the clock, not by the time the request claims.
 */
@Timeout(30)
class ClockSkewIT {
    private static final long NOW = Instant.parse("2026-06-15T12:00:00Z").toEpochMilli();

    private static EngineConfig live() {
        return EngineConfig.builder().developmentFingerprintKey().cardCapacity(1024).merchantCapacity(256)
            .terminalCapacity(256).tokenCapacity(64).ingressEpochMillisClock(() -> NOW).build();
    }

    @Test
    void aRequestDatedFarFromTheClockIsRefused30AndOneDatedNearItIsDecided() {
        try (Engine engine = Engine.start(live())) {
            for (final long time : new long[] {Instant.parse("2019-01-01T00:00:00Z").toEpochMilli(),
                NOW + 10 * MINUTE, Instant.parse("2100-01-01T00:00:00Z").toEpochMilli(), Long.MAX_VALUE, -5L}) {
                final Decision d = engine.authorize(cardPresent(TestCards.VISA, time).build());
                assertEquals(ResponseCode.FORMAT_ERROR, d.responseCode(), "time " + time);
                assertEquals(ReasonCode.TIME_OUT_OF_RANGE, d.primaryReason(), "time " + time);
            }
            assertEquals(Action.APPROVE, engine.authorize(cardPresent(TestCards.VISA, NOW - MINUTE).build()).action());
            assertEquals(Action.APPROVE, engine.authorize(cardNotPresent(TestCards.VISA, NOW).amountMinor(3_000)
                .build()).action(), "a refused future-dated request left no velocity burst behind");
        }
    }

    @Test
    void anExpiredCardIsRefusedWhateverTimeTheRequestClaims() {
        try (Engine engine = Engine.start(live())) {
            final Decision claimsTheOldDays = engine.authorize(cardPresent(TestCards.VISA, NOW).expiry("0120").build());
            assertEquals(ResponseCode.EXPIRED_CARD, claimsTheOldDays.responseCode());
        }
        try (Engine engine = Engine.start(EngineConfig.builder().developmentFingerprintKey().ingressEpochMillisClock(
            () -> NOW).maxClockSkew(Duration.ofDays(3650)).build())) {
            final Decision stale = engine.authorize(cardPresent(TestCards.VISA,
                Instant.parse("2019-06-01T00:00:00Z").toEpochMilli()).expiry("0120").build());
            assertEquals(ResponseCode.EXPIRED_CARD, stale.responseCode(), "judged by the clock, not by 2019");
        }
    }

    @Test
    void aReportDatedFarFromTheClockIsRefused() {
        try (Engine engine = Engine.start(live())) {
            final Ack ack = engine.reportFraud(FraudReport.of(CardRef.pan(TestCards.VISA), FraudReportKind.ISSUER_REPORT,
                Instant.parse("2019-01-01T00:00:00Z").toEpochMilli()));
            assertEquals(Ack.Status.REJECTED, ack.status());
            assertEquals(ReasonCode.TIME_OUT_OF_RANGE.description(), ack.detail());
        }
    }

    @Test
    void trustedTimesStillStayOnTheCalendar() {
        try (Engine engine = Engine.start(TestRequests.smallEngine().build())) {
            assertEquals(ReasonCode.TIME_OUT_OF_RANGE, engine.authorize(cardPresent(TestCards.VISA, Long.MAX_VALUE)
                .build()).primaryReason());
        }
    }
}
