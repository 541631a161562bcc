package io.ringfence.journal;

import io.ringfence.api.Durability;
import io.ringfence.api.JournalConfig;
import io.ringfence.decision.RiskEngine;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.EventType;
import io.ringfence.event.QueryKind;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The input journal: append, replay, reopen, order, durability modes, failures and retention. */
class ChronicleEventJournalTest {
    @TempDir
    Path root;

    @Test
    void appendedEventsReplayInOrderAfterTheGivenSequence() {
        final List<EngineEvent> events = JournalFixtures.events(JournalFixtures.pans(), 300, 1L);
        try (ChronicleEventJournal journal = ChronicleEventJournal.open(JournalConfig.in(root))) {
            assertEquals(-1L, journal.lastSequence());
            for (int i = 0; i < events.size(); i++) {
                journal.append(events.get(i), 100L + 2 * i);
            }
            assertEquals(100L + 2 * (events.size() - 1), journal.lastSequence());
        }
        try (JournalReader reader = JournalReader.open(root.resolve("input"))) {
            assertEquals(100L + 2 * (events.size() - 1), reader.lastSequence());
            final List<Long> sequences = new ArrayList<>();
            final long all = reader.replay(-1L, (event, sequence) -> {
                final int i = (int)((sequence - 100L) / 2);
                EventCodecTest.assertSameRequest(events.get(i), event, "event " + i);
                sequences.add(sequence);
            });
            assertEquals(events.size(), all);
            for (int i = 0; i < sequences.size(); i++) {
                assertEquals(100L + 2 * i, sequences.get(i));
            }
            final List<Long> after = new ArrayList<>();
            assertEquals(events.size() - 51, reader.replay(201L, (event, sequence) -> after.add(sequence)));
            assertEquals(202L, after.get(0));
            assertEquals(0L, reader.replay(Long.MAX_VALUE, (event, sequence) -> {
                throw new AssertionError("nothing after the end");
            }));
        }
    }

    @Test
    void aReopenedJournalKnowsItsLastSequenceAndAppendsAfterIt() {
        final List<EngineEvent> events = JournalFixtures.events(JournalFixtures.pans(), 20, 2L);
        final JournalConfig config = JournalConfig.in(root);
        try (ChronicleEventJournal journal = ChronicleEventJournal.open(config)) {
            for (int i = 0; i < 10; i++) {
                journal.append(events.get(i), i);
            }
        }
        try (ChronicleEventJournal journal = ChronicleEventJournal.open(config)) {
            assertEquals(9L, journal.lastSequence());
            final JournalException stale = assertThrows(JournalException.class, () -> journal.append(events.get(10), 9L));
            assertTrue(stale.getMessage().contains("not after"), stale.getMessage());
            for (int i = 10; i < 20; i++) {
                journal.append(events.get(i), i);
            }
            assertEquals(19L, journal.lastSequence());
        }
        try (JournalReader reader = JournalReader.open(config.inputDirectory())) {
            final long[] expected = {0};
            assertEquals(20L, reader.replay(-1L, (event, sequence) -> {
                assertEquals(expected[0], sequence);
                EventCodecTest.assertSameRequest(events.get((int)sequence), event, "event " + sequence);
                expected[0]++;
            }));
            assertEquals(19L, reader.lastSequence());
        }
    }

    @Test
    void queriesAreNeverJournaled() {
        final EngineEvent query = new EngineEvent();
        query.clear();
        query.type = EventType.QUERY;
        query.queryKind = QueryKind.STATE_DIGEST;
        try (ChronicleEventJournal journal = ChronicleEventJournal.open(JournalConfig.in(root))) {
            journal.append(query, 0L);
            assertEquals(-1L, journal.lastSequence());
        }
        try (JournalReader reader = JournalReader.open(root.resolve("input"))) {
            assertEquals(0L, reader.replay(-1L, (event, sequence) -> { }));
            assertEquals(-1L, reader.lastSequence());
        }
    }

    @ParameterizedTest
    @EnumSource(Durability.class)
    void everyDurabilityModeJournals(final Durability durability) {
        final List<EngineEvent> events = JournalFixtures.events(JournalFixtures.pans(), 20, 3L);
        final JournalConfig config = JournalConfig.in(root).withDurability(durability)
            .withRetention(JournalConfig.RollCycle.HOURLY, 0);
        try (ChronicleEventJournal journal = ChronicleEventJournal.open(config)) {
            for (int i = 0; i < events.size(); i++) {
                journal.append(events.get(i), i);
            }
        }
        try (JournalReader reader = JournalReader.open(config.inputDirectory())) {
            assertEquals(events.size(), reader.replay(-1L, (event, sequence) -> { }));
        }
    }

    /** Replay equivalence: a fresh engine fed the journal decides every event exactly as the original did. */
    @Test
    void replayingTheJournalIntoAFreshEngineReproducesEveryDecisionAndTheStateDigest() {
        final List<EngineEvent> events = JournalFixtures.events(JournalFixtures.pans(), 2_000, 4L);
        final RiskEngine original = JournalFixtures.riskEngine();
        final List<String> outcomes = new ArrayList<>();
        try (ChronicleEventJournal journal = ChronicleEventJournal.open(JournalConfig.in(root))) {
            for (int i = 0; i < events.size(); i++) {
                journal.append(events.get(i), i);
                original.apply(events.get(i), i);
                outcomes.add(JournalFixtures.outcome(events.get(i)));
            }
        }
        assertTrue(outcomes.stream().anyMatch(o -> o.contains("DECLINE")), "some declines in the mix");
        final RiskEngine replayed = JournalFixtures.riskEngine();
        try (JournalReader reader = JournalReader.open(root.resolve("input"))) {
            reader.replay(-1L, (event, sequence) -> {
                replayed.apply(event, sequence);
                assertEquals(outcomes.get((int)sequence), JournalFixtures.outcome(event), "event " + sequence);
            });
        }
        assertEquals(original.stateDigest(), replayed.stateDigest());
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsAOneLineJournalException() throws IOException {
        final Path file = Files.writeString(root.resolve("not-a-directory"), "x");
        final JournalException e = assertThrows(JournalException.class,
            () -> ChronicleEventJournal.open(JournalConfig.in(file.resolve("journal"))));
        assertOneLineNaming(e, file.resolve("journal").resolve("input").toString());
        assertTrue(e.getMessage().contains("cannot be created"), e.getMessage());
    }

    @Test
    void aReadOnlyDirectoryIsAOneLineJournalException() throws IOException {
        final Path input = Files.createDirectories(root.resolve("ro").resolve("input"));
        Files.setPosixFilePermissions(input, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(input), "permissions do not bind this user (root)");
            final JournalException e = assertThrows(JournalException.class,
                () -> ChronicleEventJournal.open(JournalConfig.in(root.resolve("ro"))));
            assertOneLineNaming(e, input.toString());
            assertTrue(e.getMessage().contains("not writable"), e.getMessage());
        } finally {
            Files.setPosixFilePermissions(input, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void readingAMissingDirectoryOrOneWithoutAJournalIsAOneLineJournalException() throws IOException {
        final JournalException missing = assertThrows(JournalException.class,
            () -> JournalReader.open(root.resolve("nowhere")));
        assertOneLineNaming(missing, root.resolve("nowhere").toString());
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        final Path empty = Files.createDirectories(root.resolve("empty"));
        try (JournalReader reader = JournalReader.open(empty)) {
            assertEquals(-1L, reader.lastSequence(), "an empty directory is an empty journal");
            assertEquals(0L, reader.replay(-1L, (event, sequence) -> { }));
        }
        Files.writeString(empty.resolve("notes.txt"), "not a journal");
        final JournalException noJournal = assertThrows(JournalException.class, () -> JournalReader.open(empty));
        assertTrue(noJournal.getMessage().contains("holds no journal"), noJournal.getMessage());
    }

    @Test
    void retentionDeletesOnlyRolledFilesASnapshotCoversBeyondTheRetainedCount() throws IOException {
        final SetTimeProvider clock = new SetTimeProvider(TimeUnit.HOURS.toNanos(475_000));
        final JournalConfig config = JournalConfig.in(root).withRetention(JournalConfig.RollCycle.HOURLY, 1);
        final List<EngineEvent> events = JournalFixtures.events(JournalFixtures.pans(), 50, 5L);
        final List<Long> recorded = new ArrayList<>();
        try (ChronicleEventJournal journal = ChronicleEventJournal.open(config, clock)) {
            for (int hour = 0; hour < 5; hour++) {
                for (int i = 0; i < 10; i++) {
                    journal.append(events.get(hour * 10 + i), hour * 10 + i);
                }
                clock.advanceMillis(TimeUnit.HOURS.toMillis(1));
            }
            assertEquals(5, cycleFiles(config.inputDirectory()));
            assertEquals(0, journal.deleteCyclesCoveredBy(5L, recorded::add), "no whole file covered");
            assertEquals(List.of(), recorded, "nothing to delete, nothing recorded");
            // Files 0 and 1 (sequences 0-19) are covered by a snapshot at 25; one covered file is kept.
            assertEquals(1, journal.deleteCyclesCoveredBy(25L, recorded::add));
            assertEquals(List.of(25L), recorded, "the deletion is recorded before it happens");
            assertEquals(4, cycleFiles(config.inputDirectory()));
            // Everything covered: the file being written stays, one covered file is kept.
            assertEquals(2, journal.deleteCyclesCoveredBy(1_000L, recorded::add));
            assertEquals(2, cycleFiles(config.inputDirectory()));
            journal.append(events.get(0), 50L);
        }
        try (JournalReader reader = JournalReader.open(config.inputDirectory())) {
            final List<Long> sequences = new ArrayList<>();
            reader.replay(-1L, (event, sequence) -> sequences.add(sequence));
            assertEquals(30L, sequences.get(0));
            assertEquals(50L, sequences.get(sequences.size() - 1));
            assertEquals(21, sequences.size());
        }
    }

    @Test
    void retentionZeroKeepsEverything() {
        final SetTimeProvider clock = new SetTimeProvider(TimeUnit.HOURS.toNanos(475_000));
        final JournalConfig config = JournalConfig.in(root).withRetention(JournalConfig.RollCycle.HOURLY, 0);
        final List<EngineEvent> events = JournalFixtures.events(JournalFixtures.pans(), 3, 6L);
        try (ChronicleEventJournal journal = ChronicleEventJournal.open(config, clock)) {
            for (int i = 0; i < 3; i++) {
                journal.append(events.get(i), i);
                clock.advanceMillis(TimeUnit.HOURS.toMillis(1));
            }
            assertEquals(0, journal.deleteCyclesCoveredBy(Long.MAX_VALUE, sequence -> { }));
        }
    }

    static void assertOneLineNaming(final JournalException e, final String path) {
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().contains(path), "names " + path + ": " + e.getMessage());
    }

    private static long cycleFiles(final Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".cq4")).count();
        }
    }
}
