package io.ringfence;

import io.ringfence.api.Action;
import io.ringfence.api.JournalConfig;
import io.ringfence.journal.JournalOwnership;
import io.ringfence.journal.JournalOwnershipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardPresent;
import static io.ringfence.TestRequests.smallEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A journal belongs to one engine at a time and to one fingerprint key for its whole life. */
@Timeout(60)
class JournalOwnershipIT {
    @Test
    void aSecondEngineOnTheSameDirectoryIsRefusedWhileTheFirstRuns(@TempDir final Path dir) {
        final JournalConfig journal = JournalConfig.in(dir).withSnapshotInterval(Duration.ZERO);
        try (Engine first = Engine.start(smallEngine().journal(journal).build())) {
            final JournalOwnershipException e = assertThrows(JournalOwnershipException.class,
                () -> Engine.start(smallEngine().journal(journal).build()));
            assertTrue(e.getMessage().contains("in use by another engine"), e.getMessage());
            assertEquals(Action.APPROVE, first.authorize(cardPresent(TestCards.VISA, T0).build()).action(),
                "the first engine is untouched");
        }
        try (Engine again = Engine.start(smallEngine().journal(journal).build())) {
            assertEquals(1, again.cardCount(), "once the first stopped, the directory is free");
        }
    }

    @Test
    void anEngineWithAnotherKeyIsRefusedAndTheHeaderNeverHoldsTheKey(@TempDir final Path dir) throws Exception {
        final JournalConfig journal = JournalConfig.in(dir).withSnapshotInterval(Duration.ZERO);
        final EngineConfig config = smallEngine().journal(journal).build();
        try (Engine engine = Engine.start(config)) {
            engine.authorize(cardPresent(TestCards.VISA, T0).build());
        }
        final String header = Files.readString(dir.resolve(JournalOwnership.HEADER_FILE));
        assertTrue(header.contains("key-check=" + config.keyCheckValue()), header);
        assertFalse(header.contains("ringfence-development-key"), header);

        final EngineConfig otherKey = EngineConfig.builder().fingerprintKey(new byte[32]).trustEventTimes()
            .cardCapacity(1024).journal(journal).build();
        final JournalOwnershipException e = assertThrows(JournalOwnershipException.class,
            () -> Engine.start(otherKey));
        assertTrue(e.getMessage().contains("check value " + config.keyCheckValue()), e.getMessage());
    }
}
