package io.ringfence;

import io.ringfence.api.Decision;
import io.ringfence.api.JournalConfig;
import io.ringfence.api.ReasonCode;
import io.ringfence.journal.JournalOwnership;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.ringfence.TestRequests.MINUTE;
import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardPresent;
import static io.ringfence.TestRequests.smallEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retention records in the journal's header how far it deleted before it deletes; a recovery whose newest usable
 * snapshot ends before that point would silently lose history, so it refuses instead and the engine starts degraded.
 */
@Timeout(60)
class RetentionGapIT {
    @Test
    void aRecoveryThatCannotReachPastDeletedEventsRefusesToDecide(@TempDir final Path dir) {
        final JournalConfig journal = JournalConfig.in(dir).withSnapshotInterval(Duration.ZERO);
        try (Engine engine = Engine.start(smallEngine().journal(journal).build())) {
            for (int i = 0; i < 10; i++) {
                engine.authorize(cardPresent(TestCards.VISA, T0 + i * MINUTE).build());
            }
        }
        try (JournalOwnership ownership = JournalOwnership.take(dir, smallEngine().build().keyCheckValue())) {
            ownership.recordDeletedThrough(5L);
            assertEquals(5L, ownership.deletedThrough());
        }
        try (Engine restarted = Engine.start(smallEngine().journal(journal).build())) {
            final Decision d = restarted.authorize(cardPresent(TestCards.VISA, T0 + 20 * MINUTE).build());
            assertTrue(d.standIn(), "no snapshot covers sequence 5: the history before it is gone");
            assertEquals(List.of(ReasonCode.STAND_IN_JOURNAL_UNAVAILABLE), d.reasons());
        }
    }
}
