package io.ringfence;

import io.ringfence.api.Ack;
import io.ringfence.api.EngineCounter;
import io.ringfence.api.Fingerprint;
import io.ringfence.api.JournalConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static io.ringfence.TestRequests.MINUTE;
import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardPresent;
import static io.ringfence.TestRequests.smallEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Reversals through the ring and the journal: applied once, recovered and replayed like every change of state. */
@Timeout(60)
class ReversalIT {
    @Test
    void aReversalIsAppliedOnceAndSurvivesARestart(@TempDir final Path dir) {
        final JournalConfig journal = JournalConfig.in(dir).withSnapshotInterval(Duration.ZERO);
        final long digest;
        try (Engine engine = Engine.start(smallEngine().journal(journal).build())) {
            engine.authorize(cardPresent(TestCards.VISA, T0).requestId("r-1").build());
            final Ack first = engine.reverse("store-1", "r-1", T0 + MINUTE);
            assertEquals(Ack.Status.APPLIED, first.status());
            assertNotEquals(Fingerprint.NONE, first.fingerprint(), "the reversed card");
            assertEquals(Ack.Status.NO_CHANGE, engine.reverse("store-1", "r-1", T0 + 2 * MINUTE).status());
            assertEquals(Ack.Status.NO_CHANGE, engine.reverse("store-1", "never-sent", T0 + 2 * MINUTE).status());
            assertEquals(Ack.Status.REJECTED, engine.reverse("store-1", " ", T0 + 2 * MINUTE).status());
            assertEquals(1, engine.stats().counter(EngineCounter.REVERSALS));
            digest = engine.stateDigest();
        }
        try (Engine engine = Engine.start(smallEngine().journal(journal).build())) {
            assertEquals(digest, engine.stateDigest(), "recovery replays the reversal");
            assertEquals(Ack.Status.NO_CHANGE, engine.reverse("store-1", "r-1", T0 + 3 * MINUTE).status(),
                "still reversed after the restart");
        }
    }
}
