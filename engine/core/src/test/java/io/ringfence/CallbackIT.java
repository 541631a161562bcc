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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A callback on an async decision never runs on the thread that decides: it runs on the completions thread (or on
 * the caller's, when the decision was already in), so a synchronous call made from it goes through, and the engine
 * keeps deciding.
 */
@Timeout(60)
class CallbackIT {
    @Test
    void callbacksRunOffTheEngineThreadAndMayCallTheEngineBack() {
        try (Engine engine = Engine.start(smallEngine().build())) {
            final List<CompletableFuture<String>> callbacks = new ArrayList<>();
            for (final String pan : TestCards.pans("455606", 500)) {
                callbacks.add(engine.authorizeAsync(cardPresent(pan, T0).build()).thenApply(d -> {
                    final String thread = Thread.currentThread().getName();
                    final boolean applied = engine.reportFraud(FraudReport.of(CardRef.pan(pan),
                        FraudReportKind.ANALYST_VERDICT, T0 + SECOND)).isApplied();
                    return !applied ? "report not applied" : thread.startsWith("ringfence-")
                        && !thread.equals("ringfence-completions") ? "called on " + thread : "off the engine thread";
                }));
            }
            final List<String> outcomes = callbacks.stream().map(CompletableFuture::join).distinct().toList();
            assertEquals(List.of("off the engine thread"), outcomes);

            final List<CompletableFuture<Decision>> others = new ArrayList<>();
            for (final String pan : TestCards.pans("455604", 198)) {
                others.add(engine.authorizeAsync(cardPresent(pan, T0 + 2 * SECOND).build()));
            }
            for (final CompletableFuture<Decision> other : others) {
                assertFalse(other.join().standIn(), "the engine kept deciding");
            }
        }
    }
}
