package io.ringfence;

import io.ringfence.api.CardRef;
import io.ringfence.api.Decision;
import io.ringfence.api.FraudReport;
import io.ringfence.api.FraudReportKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.ringfence.TestRequests.SECOND;
import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardPresent;
import static io.ringfence.TestRequests.smallEngine;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A callback on an async decision cannot deadlock the engine by calling it back synchronously: where it runs on the
 * engine's own thread the call is refused at once (where the decision was already in, it runs on the caller's thread
 * and the call goes through).
 */
@Timeout(60)
class CallbackIT {
    @Test
    void aSynchronousCallFromACallbackIsRefusedAndEveryOtherRequestIsStillDecided() {
        try (Engine engine = Engine.start(smallEngine().build())) {
            final List<CompletableFuture<String>> callbacks = new ArrayList<>();
            for (final String pan : TestCards.pans("455606", 500)) {
                callbacks.add(engine.authorizeAsync(cardPresent(pan, T0).build()).thenApply(d -> {
                    final String thread = Thread.currentThread().getName();
                    try {
                        engine.reportFraud(FraudReport.of(CardRef.pan(pan), FraudReportKind.ANALYST_VERDICT,
                            T0 + SECOND));
                        return thread.startsWith("ringfence-") ? "called on " + thread : "caller";
                    } catch (final IllegalStateException e) {
                        return e.getMessage().contains("engine's own thread") ? "refused" : e.getMessage();
                    }
                }));
            }
            final List<String> outcomes = callbacks.stream().map(CompletableFuture::join).toList();
            assertTrue(outcomes.contains("refused"), "some callbacks ran on the engine's thread: " + outcomes.stream()
                .distinct().toList());
            assertTrue(outcomes.stream().allMatch(o -> o.equals("refused") || o.equals("caller")),
                () -> outcomes.stream().distinct().toList().toString());

            final List<CompletableFuture<Decision>> others = new ArrayList<>();
            for (final String pan : TestCards.pans("455604", 198)) {
                others.add(engine.authorizeAsync(cardPresent(pan, T0 + 2 * SECOND).build()));
            }
            for (final CompletableFuture<Decision> other : others) {
                assertFalse(other.join().standIn(), "the engine kept deciding");
            }
            assertTrue(engine.reportFraud(FraudReport.of(CardRef.pan(TestCards.VISA), FraudReportKind.ANALYST_VERDICT,
                T0 + 3 * SECOND)).isApplied(), "from the test's own thread the call is fine");
        }
    }
}
