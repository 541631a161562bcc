package io.ringfence;

import io.ringfence.api.Ack;
import io.ringfence.api.Action;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.CardRef;
import io.ringfence.api.Decision;
import io.ringfence.api.EngineStats;
import io.ringfence.api.FraudReport;
import io.ringfence.api.FraudReportKind;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;
import io.ringfence.api.StandInPolicy;
import io.ringfence.features.Feature;
import io.ringfence.features.FeatureSchema;
import io.ringfence.features.FeatureVector;
import io.ringfence.scoring.Scorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.ringfence.TestRequests.MINUTE;
import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardPresent;
import static io.ringfence.TestRequests.smallEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Always an answer, within the deadline: with the business logic stalled (a scorer that waits on a gate), a
 * caller gets the configured stand-in when its deadline passes, at once when the ring is full, and after close;
 * the real decisions that arrive late are counted, and the engine carries on once unstalled.
 */
@Timeout(60)
class StandInIT {
    private static final Duration SHORT = Duration.ofMillis(50);
    private static final Duration LONG = Duration.ofSeconds(30);

    /** Blocks the business-logic thread in {@link #score} until the gate opens. */
    static final class GatedScorer implements Scorer {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);

        @Override
        public String version() {
            return "gated/1";
        }

        @Override
        public String featureSchemaId() {
            return FeatureSchema.ID;
        }

        @Override
        public int score(final FeatureVector features, final double[] contributions) {
            entered.countDown();
            boolean interrupted = false;
            while (true) {
                try {
                    gate.await();
                    break;
                } catch (final InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
    }

    @ParameterizedTest
    @EnumSource(StandInPolicy.class)
    void aStalledEngineAnswersWithStandInsThenCountsTheLateDecisionsAndCarriesOn(final StandInPolicy policy)
        throws Exception {
        final GatedScorer scorer = new GatedScorer();
        final Engine engine = Engine.start(smallEngine().ringSize(4).standInPolicy(policy).scorer(() -> scorer)
            .defaultDeadline(Duration.ofMillis(200)).build());
        try {
            // (a) Deadline, synchronous: the business logic takes the request and stalls in the scorer.
            final Decision late = engine.authorize(request("sync-late", 0), SHORT);
            assertTrue(scorer.entered.await(30, TimeUnit.SECONDS));
            assertStandIn(late, policy, ReasonCode.STAND_IN_DEADLINE);
            assertEquals("sync-late", late.requestId());
            assertEquals(TestCards.fingerprint(TestCards.VISA), late.fingerprint());
            assertEquals(1, engine.stats().counter("standin.deadline"));

            // Deadline, asynchronous: the future completes with the stand-in when the deadline passes.
            final Decision asyncLate = engine.authorizeAsync(request("async-late", 1), SHORT).get(30, TimeUnit.SECONDS);
            assertStandIn(asyncLate, policy, ReasonCode.STAND_IN_DEADLINE);
            assertEquals("async-late", asyncLate.requestId());
            assertEquals(2, engine.stats().counter("standin.deadline"));

            // (b) Fill the ring of 4: one slot is stalled, one holds the async request, two more fit.
            final CompletableFuture<Decision> third = engine.authorizeAsync(request("third", 2), LONG);
            final CompletableFuture<Decision> fourth = engine.authorizeAsync(request("fourth", 3), LONG);
            assertEquals(0, engine.remainingRingCapacity());
            final Decision full = engine.authorize(request("sync-full", 4), LONG);
            assertStandIn(full, policy, ReasonCode.STAND_IN_RING_FULL);
            final CompletableFuture<Decision> asyncFull = engine.authorizeAsync(request("async-full", 5), LONG);
            assertTrue(asyncFull.isDone(), "a full ring answers at once, not at the deadline");
            assertStandIn(asyncFull.get(), policy, ReasonCode.STAND_IN_RING_FULL);
            assertEquals(2, engine.stats().counter("standin.ring-full"));
            final Ack report = engine.reportFraud(FraudReport.of(CardRef.pan(TestCards.AMEX), FraudReportKind.ISSUER_REPORT,
                T0));
            assertEquals(Ack.Status.REJECTED, report.status(), "a control event is refused, not silently dropped");
            assertEquals(1, engine.stats().counter("control.rejected"));
            assertFalse(third.isDone());
            assertFalse(fourth.isDone());

            // (c) Open the gate: the waiting requests get real decisions, the abandoned two are counted late.
            scorer.gate.countDown();
            final Decision thirdDecision = third.get(30, TimeUnit.SECONDS);
            final Decision fourthDecision = fourth.get(30, TimeUnit.SECONDS);
            assertFalse(thirdDecision.standIn());
            assertFalse(fourthDecision.standIn());
            assertEquals(2, thirdDecision.sequence());
            assertEquals(3, fourthDecision.sequence());
            assertEquals("gated/1", thirdDecision.scorerVersion());
            while (engine.remainingRingCapacity() < 4) {
                Thread.yield(); // the response stage frees its slots just after completing the callers
            }
            final Decision after = engine.authorize(request("after", 6), LONG);
            assertFalse(after.standIn());
            assertEquals(4, after.sequence(), "stand-ins given before sequencing took no sequence");
            assertEquals(Action.APPROVE, after.action());

            final EngineStats stats = engine.stats();
            assertEquals(2, stats.counter("decisions.late"), "the two deadline stand-ins were decided late");
            assertEquals(2, stats.counter("standin.deadline"));
            assertEquals(2, stats.counter("standin.ring-full"));
            assertEquals(5, stats.counter("decisions.action.APPROVE"), "the engine decided everything it sequenced");
        } finally {
            scorer.gate.countDown();
            engine.close();
        }

        // (d) A stopped engine answers at once with the stand-in.
        final Decision stopped = engine.authorize(request("stopped", 7), LONG);
        assertStandIn(stopped, policy, ReasonCode.STAND_IN_ENGINE_STOPPED);
        final Decision stoppedAsync = engine.authorizeAsync(request("stopped-async", 8)).get(30, TimeUnit.SECONDS);
        assertStandIn(stoppedAsync, policy, ReasonCode.STAND_IN_ENGINE_STOPPED);
        assertEquals(2, engine.stats().counter("standin.stopped"));
        assertEquals(Ack.Status.REJECTED, engine.clearFlag(CardRef.pan(TestCards.VISA)).status());
        assertThrows(IllegalStateException.class, engine::stateDigest);
        engine.close();
    }

    @Test
    void aDeadlineStandInNeverHidesAnExceptionAndTheDefaultDeadlineApplies() throws Exception {
        final GatedScorer scorer = new GatedScorer();
        try (Engine engine = Engine.start(smallEngine().scorer(() -> scorer).defaultDeadline(SHORT).build())) {
            try {
                final Decision viaDefault = engine.authorize(request("default", 0));
                assertStandIn(viaDefault, StandInPolicy.FAIL_CLOSED, ReasonCode.STAND_IN_DEADLINE);
                final Decision asyncViaDefault = engine.authorizeAsync(request("default-async", 1))
                    .get(30, TimeUnit.SECONDS);
                assertStandIn(asyncViaDefault, StandInPolicy.FAIL_CLOSED, ReasonCode.STAND_IN_DEADLINE);
                final Ack pending = engine.clearFlag(CardRef.pan(TestCards.VISA));
                assertEquals(Ack.Status.PENDING, pending.status(), "sequenced behind the stall, not confirmed in time");
            } finally {
                scorer.gate.countDown();
            }
            final Decision unstalled = engine.authorize(request("unstalled", 2), LONG);
            assertFalse(unstalled.standIn());
            assertEquals(3, unstalled.sequence());
        }
    }

    @Test
    void aFailureInsideTheBusinessLogicAnswersThatRequestWith96AndTheEngineCarriesOn() {
        final Scorer failing = new Scorer() {
            @Override
            public String version() {
                return "failing/1";
            }

            @Override
            public String featureSchemaId() {
                return FeatureSchema.ID;
            }

            @Override
            public int score(final FeatureVector features, final double[] contributions) {
                if (features.get(Feature.AMOUNT) == 13.13) {
                    throw new IllegalStateException("scorer failed");
                }
                return 0;
            }
        };
        try (Engine engine = Engine.start(smallEngine().scorer(() -> failing).build())) {
            final Decision failed = engine.authorize(cardPresent(TestCards.VISA, T0).amountMinor(1_313).build());
            assertEquals(Action.DECLINE, failed.action());
            assertEquals(ResponseCode.SYSTEM_MALFUNCTION, failed.responseCode());
            assertFalse(failed.standIn());
            assertEquals(1, engine.stats().counter("errors.internal"));
            final Decision next = engine.authorize(cardPresent(TestCards.VISA, T0 + MINUTE).build());
            assertEquals(Action.APPROVE, next.action());
            assertEquals("failing/1", next.scorerVersion());
        }
    }

    private static AuthorizationRequest request(final String id, final int minute) {
        return cardPresent(TestCards.VISA, T0 + minute * MINUTE).requestId(id).build();
    }

    private static void assertStandIn(final Decision d, final StandInPolicy policy, final ReasonCode reason) {
        assertTrue(d.standIn());
        assertEquals(policy.action(), d.action());
        assertEquals(policy.responseCode(), d.responseCode());
        assertEquals(List.of(reason), d.reasons());
        assertEquals(-1, d.sequence());
        assertEquals(0, d.score());
        assertEquals(policy == StandInPolicy.FAIL_CLOSED ? "91" : "00", d.responseCode().code());
    }
}
