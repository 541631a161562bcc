package io.ringfence;

import io.ringfence.api.Decision;
import io.ringfence.api.JournalConfig;
import io.ringfence.api.ReasonCode;
import io.ringfence.journal.JournalException;
import io.ringfence.journal.JournalRepair;
import io.ringfence.journal.JournalStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.ringfence.TestRequests.MINUTE;
import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardPresent;
import static io.ringfence.TestRequests.smallEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every journal record carries a checksum: one flipped bit is found on replay, named by its sequence; the explicit
 * repair copies what was whole into a new journal the engine starts on.
 */
@Timeout(60)
class JournalChecksumIT {
    /** An amount whose bytes mark the second record in the journal file. */
    private static final long MARKED_AMOUNT = 987_654_321L;

    @Test
    void aFlippedBitStopsRecoveryAndIsNamedBySequence(@TempDir final Path dir) throws IOException {
        final JournalConfig journal = JournalConfig.in(dir).withSnapshotInterval(Duration.ZERO);
        try (Engine engine = Engine.start(smallEngine().journal(journal).build())) {
            engine.authorize(cardPresent(TestCards.VISA, T0).build());
            engine.authorize(cardPresent(TestCards.MASTERCARD, T0 + MINUTE).amountMinor(MARKED_AMOUNT).build());
            engine.authorize(cardPresent(TestCards.AMEX, T0 + 2 * MINUTE).build());
        }
        assertEquals(3, JournalStats.inputs(journal.inputDirectory()).events());
        flipABitOfTheMarkedAmount(journal.inputDirectory());

        final JournalException e = assertThrows(JournalException.class,
            () -> JournalStats.inputs(journal.inputDirectory()));
        assertTrue(e.getMessage().contains("the record at sequence 1 fails its checksum"), e.getMessage());
        try (Engine restarted = Engine.start(smallEngine().journal(journal).build())) {
            final Decision d = restarted.authorize(cardPresent(TestCards.VISA, T0 + 3 * MINUTE).build());
            assertTrue(d.standIn(), "a damaged journal is not decided on");
            assertEquals(List.of(ReasonCode.STAND_IN_JOURNAL_UNAVAILABLE), d.reasons());
        }

        final Path repairedRoot = dir.resolve("repaired");
        final JournalRepair.Result repaired = JournalRepair.copyWholeRecords(dir, repairedRoot);
        assertEquals(1, repaired.copied(), "the record before the damage");
        assertEquals(0, repaired.lastCopied());
        assertTrue(repaired.damage().contains("sequence 1 fails its checksum"), repaired.damage());
        try (Engine onTheCopy = Engine.start(smallEngine().journal(JournalConfig.in(repairedRoot)
            .withSnapshotInterval(Duration.ZERO)).build())) {
            assertEquals(1, onTheCopy.cardCount(), "the engine starts on what was whole");
            assertTrue(!onTheCopy.authorize(cardPresent(TestCards.VISA, T0 + 4 * MINUTE).build()).standIn());
        }
    }

    private static void flipABitOfTheMarkedAmount(final Path input) throws IOException {
        final byte[] marker = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(MARKED_AMOUNT)
            .array();
        try (Stream<Path> files = Files.list(input)) {
            for (final Path file : files.filter(f -> f.toString().endsWith(".cq4")).toList()) {
                final byte[] content = Files.readAllBytes(file);
                for (int i = 0; i + marker.length <= content.length; i++) {
                    if (ByteBuffer.wrap(content, i, marker.length).equals(ByteBuffer.wrap(marker))) {
                        content[i] ^= 1;
                        Files.write(file, content);
                        return;
                    }
                }
            }
        }
        throw new AssertionError("the marked amount is not in the journal files");
    }
}
