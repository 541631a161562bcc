package io.ringfence;

import io.ringfence.api.Action;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.Decision;
import io.ringfence.api.EngineCounter;
import io.ringfence.api.JournalConfig;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static io.ringfence.TestRequests.MINUTE;
import static io.ringfence.TestRequests.SECOND;
import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardNotPresent;
import static io.ringfence.TestRequests.cardPresent;
import static io.ringfence.TestRequests.smallEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A retry is not a new payment: the same merchant and request id within the window get the first answer and change
 * nothing; the same id with other content is refused 94.
 */
@Timeout(60)
class RetriesIT {
    private static final String CARD = TestCards.VISA;

    @Test
    void aGatewayRetryingSixTimesGetsTheFirstAnswerAndTheCardholderCanStillPay() {
        try (Engine engine = Engine.start(smallEngine().build())) {
            final Decision first = engine.authorize(smallDonation(T0));
            for (int retry = 1; retry <= 5; retry++) {
                final Decision again = engine.authorize(smallDonation(T0 + retry * 10 * SECOND));
                assertEquals(first.action(), again.action(), "retry " + retry);
                assertEquals(first.responseCode(), again.responseCode(), "retry " + retry);
                assertEquals(first.score(), again.score(), "retry " + retry);
                assertEquals(first.reasons(), again.reasons(), "retry " + retry);
            }
            assertEquals(5, engine.stats().counter(EngineCounter.RETRIES_ANSWERED));
            assertEquals(0, engine.stats().counter("flags.raised.CARD_TESTING"), "retries are not card testing");
            assertEquals(Action.APPROVE, engine.authorize(cardPresent(CARD, T0 + 5 * MINUTE).build()).action(),
                "the cardholder's next tap");
        }
    }

    @Test
    void theSameIdForAnotherPaymentIsRefused94AndChangesNothing() {
        try (Engine engine = Engine.start(smallEngine().build())) {
            engine.authorize(smallDonation(T0));
            final long digest = engine.stateDigest();
            final Decision other = engine.authorize(cardNotPresent(CARD, T0 + SECOND).amountMinor(9_999)
                .requestId("donation-1").merchantId("charity").build());
            assertEquals(Action.DECLINE, other.action());
            assertEquals(ResponseCode.DUPLICATE_TRANSMISSION, other.responseCode());
            assertEquals(ReasonCode.DUPLICATE_TRANSMISSION, other.primaryReason());
            assertEquals(digest, engine.stateDigest(), "nothing changed");
            assertEquals(1, engine.stats().counter(EngineCounter.RETRIES_REFUSED));
            assertNotEquals(ResponseCode.DUPLICATE_TRANSMISSION, engine.authorize(cardNotPresent(CARD, T0 + SECOND)
                .amountMinor(9_999).requestId("donation-1").merchantId("another-charity").build()).responseCode(),
                "request ids belong to their merchant");
        }
    }

    @Test
    void afterTheWindowTheSameIdIsANewPayment() {
        try (Engine engine = Engine.start(smallEngine().idempotencyWindow(Duration.ofMinutes(1)).build())) {
            engine.authorize(smallDonation(T0));
            engine.authorize(smallDonation(T0 + 2 * MINUTE));
            assertEquals(0, engine.stats().counter(EngineCounter.RETRIES_ANSWERED));
        }
    }

    @Test
    void aRetryAfterARestartGetsTheFirstAnswerFromTheJournalAndFromASnapshot(@TempDir final Path dir) {
        final JournalConfig journal = JournalConfig.in(dir).withSnapshotInterval(Duration.ZERO);
        final Decision first;
        try (Engine engine = Engine.start(smallEngine().journal(journal).build())) {
            first = engine.authorize(smallDonation(T0));
        }
        try (Engine engine = Engine.start(smallEngine().journal(journal).build())) {
            final Decision retry = engine.authorize(smallDonation(T0 + MINUTE));
            assertEquals(first.responseCode(), retry.responseCode());
            assertEquals(1, engine.stats().counter(EngineCounter.RETRIES_ANSWERED));
            engine.snapshot();
        }
        try (Engine engine = Engine.start(smallEngine().journal(journal).build())) {
            assertEquals(0, engine.stats().counter(EngineCounter.EVENTS_RECOVERED), "from the snapshot alone");
            assertEquals(first.score(), engine.authorize(smallDonation(T0 + 2 * MINUTE)).score());
            assertEquals(1, engine.stats().counter(EngineCounter.RETRIES_ANSWERED));
        }
    }

    private static AuthorizationRequest smallDonation(final long time) {
        return cardNotPresent(CARD, time).amountMinor(100).requestId("donation-1").merchantId("charity").build();
    }
}
