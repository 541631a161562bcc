package io.ringfence;

import io.ringfence.api.Ack;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.CardRef;
import io.ringfence.api.Decision;
import io.ringfence.api.FraudReport;
import io.ringfence.api.FraudReportKind;
import io.ringfence.api.JournalConfig;
import io.ringfence.api.ReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.ringfence.TestRequests.MINUTE;
import static io.ringfence.TestRequests.SECOND;
import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardNotPresent;
import static io.ringfence.TestRequests.cardPresent;
import static io.ringfence.TestRequests.smallEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine with a journal: whatever it decided before a stop, it knows after a restart, whether it recovers
 * from the journal alone or from a snapshot plus the journal after it.
 */
@Timeout(120)
class JournalRecoveryIT {
    private static final List<String> CARDS = TestCards.pans("455600", 200);

    @Test
    void aRestartRecoversTheSameStateAndSequenceFromTheJournal(@TempDir final Path dir) {
        final JournalConfig journal = JournalConfig.in(dir).withSnapshotInterval(Duration.ZERO);
        final long digestBefore;
        final long lastSequence;
        try (Engine engine = Engine.start(smallEngine().journal(journal).build())) {
            lastSequence = drive(engine, 0, 1_000).sequence();
            assertEquals(Ack.Status.APPLIED, engine.reportFraud(FraudReport.of(CardRef.pan(CARDS.get(7)),
                FraudReportKind.ISSUER_REPORT, T0 + 2_000 * SECOND)).status());
            digestBefore = engine.stateDigest();
        }
        try (Engine engine = Engine.start(smallEngine().journal(journal).build())) {
            assertEquals(digestBefore, engine.stateDigest(), "the journal rebuilds the exact state");
            assertEquals(1_001, engine.stats().counter("journal.recovered"));
            final Decision tap = engine.authorize(cardPresent(CARDS.get(7), T0 + 2_100 * SECOND).build());
            assertEquals(ReasonCode.CARD_FLAGGED_ONLINE, tap.primaryReason(), "a flag set before the stop still blocks");
            assertTrue(tap.sequence() > lastSequence + 1, "sequence numbering carries on across restarts");
        }
    }

    @Test
    void aSnapshotPlusTheJournalAfterItRecoversTheSameStateAsTheJournalAlone(@TempDir final Path dir) {
        final JournalConfig journal = JournalConfig.in(dir).withSnapshotInterval(Duration.ZERO);
        final long digestBefore;
        try (Engine engine = Engine.start(smallEngine().journal(journal).build())) {
            drive(engine, 0, 500);
            final Path snapshot = engine.snapshot();
            assertTrue(snapshot.getFileName().toString().endsWith(".snap"), snapshot.toString());
            drive(engine, 500, 1_000);
            digestBefore = engine.stateDigest();
        }
        try (Engine engine = Engine.start(smallEngine().journal(journal).build())) {
            assertEquals(digestBefore, engine.stateDigest());
            assertEquals(500, engine.stats().counter("journal.recovered"), "only the events after the snapshot replay");
            final Decision next = engine.authorize(cardNotPresent(CARDS.get(3), T0 + 5_000 * SECOND).build());
            assertNotEquals(null, next.action());
        }
    }

    @Test
    void anEngineWithoutAJournalRefusesASnapshotWithAClearReason() {
        try (Engine engine = Engine.start(smallEngine().build())) {
            final IllegalStateException refused = assertThrows(IllegalStateException.class, engine::snapshot);
            assertTrue(refused.getMessage().contains("no journal"), refused.getMessage());
        }
    }

    @Test
    void decisionsGivenBeforeAStopAreReproducedByReplayingTheJournal(@TempDir final Path dir) {
        final JournalConfig journal = JournalConfig.in(dir).withSnapshotInterval(Duration.ZERO);
        final List<Decision> first = new ArrayList<>();
        try (Engine engine = Engine.start(smallEngine().journal(journal).build())) {
            for (int i = 0; i < 300; i++) {
                first.add(engine.authorize(request(i).build()));
            }
        }
        final Path replayDir = dir.resolveSibling(dir.getFileName() + "-fresh");
        try (Engine fresh = Engine.start(smallEngine().journal(JournalConfig.in(replayDir)
            .withSnapshotInterval(Duration.ZERO)).build())) {
            for (int i = 0; i < 300; i++) {
                final Decision again = fresh.authorize(request(i).build());
                assertEquals(first.get(i).action(), again.action(), "decision " + i);
                assertEquals(first.get(i).score(), again.score(), "decision " + i);
                assertEquals(first.get(i).reasons(), again.reasons(), "decision " + i);
            }
        }
    }

    private static Decision drive(final Engine engine, final int from, final int to) {
        Decision last = null;
        for (int i = from; i < to; i++) {
            last = engine.authorize(request(i).build());
            assertTrue(!last.standIn(), "request " + i + " was decided");
        }
        return last;
    }

    private static AuthorizationRequest.Builder request(final int i) {
        final String pan = CARDS.get(i % CARDS.size());
        return i % 3 == 0 ? cardNotPresent(pan, T0 + i * SECOND).amountMinor(100 + i % 7)
            : cardPresent(pan, T0 + i * MINUTE / 60);
    }
}
