package io.ringfence.snapshot;

import io.ringfence.api.EngineCounter;
import io.ringfence.api.ReasonCode;
import io.ringfence.decision.RiskEngineHarness;
import io.ringfence.event.EngineEvent;
import io.ringfence.scoring.BuiltInPolicyScorer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshot round trip (a restored engine decides exactly as the original from then on) and fallback: a corrupt,
 * truncated, incompatible or tampered snapshot is skipped with one warning naming it and why, in favour of an
 * older one or of a full replay into an untouched engine.
 */
class SnapshotStoreTest {
    /** Fewer than the traffic's 120 cards, so the card store evicts. */
    private static final int CARDS = 48;
    private static final ScriptedTraffic TRAFFIC = new ScriptedTraffic(42L);

    @TempDir
    Path dir;

    private final Logger log = Logger.getLogger("io.ringfence.snapshot");
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(final LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private SnapshotStore store;

    @BeforeEach
    void captureLog() {
        store = new SnapshotStore(dir.resolve("snapshots"));
        log.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        log.removeHandler(capture);
    }

    @Test
    void aRestoredEngineHasTheSameStateAndDecidesExactlyAsTheOriginal() throws IOException {
        final RiskEngineHarness original = harness();
        run(original, 0, 600);
        assertTrue(original.engine().cards().evictions() > 0, "the traffic must make the card store evict");
        final Path file = store.write(original.engine(), 599);
        assertEquals("snapshot-00000000000000000599.snap", file.getFileName().toString());
        assertEquals(List.of(file), filesIn(store.directory()), "no .tmp is left behind");

        final RiskEngineHarness restored = harness();
        assertEquals(OptionalLong.of(599), store.loadLatest(restored.engine()));
        assertEquals(original.stateDigest(), restored.stateDigest());
        assertEquals(original.dump(), restored.dump());
        assertEquals(original.counters().get(EngineCounter.CARDS_HELD).get(), restored.counters().get(EngineCounter.CARDS_HELD).get());
        assertEquals(original.counters().get(EngineCounter.CARD_EVICTIONS).get(), restored.counters().get(EngineCounter.CARD_EVICTIONS).get());

        int flaggedDeclines = 0;
        for (int step = 600; step < 1_200; step++) {
            final EngineEvent expected = TRAFFIC.apply(original, step);
            final String expectedOutcome = outcome(expected);
            assertEquals(expectedOutcome, outcome(TRAFFIC.apply(restored, step)), "step " + step);
            if (expected.reason0 == ReasonCode.CARD_FLAGGED || expected.reason0 == ReasonCode.CARD_FLAGGED_ONLINE) {
                flaggedDeclines++;
            }
        }
        assertTrue(flaggedDeclines > 0, "flags raised before the snapshot must still block after it");
        assertEquals(original.stateDigest(), restored.stateDigest());
        assertEquals(List.of(), warnings());
    }

    @Test
    void aSnapshotWithAFlippedByteIsSkippedForTheOlderOne() throws IOException {
        final long olderDigest = twoSnapshots();
        final Path newest = newest();
        flipByte(newest, Files.size(newest) / 2);

        final RiskEngineHarness restored = harness();
        assertEquals(OptionalLong.of(299), store.loadLatest(restored.engine()));
        assertEquals(olderDigest, restored.stateDigest());
        assertSkipped(newest, "checksum mismatch: CRC32C");
    }

    @Test
    void aTruncatedSnapshotIsSkippedForTheOlderOne() throws IOException {
        final long olderDigest = twoSnapshots();
        final Path newest = newest();
        try (FileChannel file = FileChannel.open(newest, StandardOpenOption.WRITE)) {
            file.truncate(file.size() / 3);
        }
        final RiskEngineHarness restored = harness();
        assertEquals(OptionalLong.of(299), store.loadLatest(restored.engine()));
        assertEquals(olderDigest, restored.stateDigest());
        assertSkipped(newest, "truncated or extended");
    }

    @Test
    void aSnapshotOfOtherCapacitiesIsSkippedAndTheEngineUntouched() throws IOException {
        final RiskEngineHarness original = harness();
        run(original, 0, 300);
        final Path file = store.write(original.engine(), 299);

        final RiskEngineHarness smaller = new RiskEngineHarness(CARDS / 2, new BuiltInPolicyScorer());
        final long asBuilt = smaller.stateDigest();
        assertEquals(OptionalLong.empty(), store.loadLatest(smaller.engine()));
        assertEquals(asBuilt, smaller.stateDigest());
        assertSkipped(file, "store shapes differ: snapshot has cards 48 x 244 B, merchants 64 x 156 B, terminals 64 x 156 B,"
            + " identifiers 48 x 60 B, tokens 16 x 40 B, requests 1024 x 83 B, engine has cards 24 x 244 B,");
    }

    @Test
    void whenEverySnapshotIsBadNoneIsLoadedAndEachIsNamed() throws IOException {
        twoSnapshots();
        final List<Path> files = filesIn(store.directory());
        flipByte(files.get(0), 100);
        Files.writeString(files.get(1), "not a snapshot at all", StandardCharsets.US_ASCII);

        final RiskEngineHarness restored = harness();
        final long asBuilt = restored.stateDigest();
        assertEquals(OptionalLong.empty(), store.loadLatest(restored.engine()));
        assertEquals(asBuilt, restored.stateDigest());
        assertEquals(2, warnings().size(), warnings().toString());
        assertSkipped(files.get(0), "checksum mismatch");
        assertSkipped(files.get(1), "not a Ringfence snapshot");
    }

    @Test
    void aSnapshotWhoseStateDoesNotMatchItsDigestIsUnloadedAgain() throws IOException {
        final RiskEngineHarness original = harness();
        run(original, 0, 300);
        final Path file = store.write(original.engine(), 299);
        tamperWithFirstCardKeepingTheChecksum(file);

        final RiskEngineHarness restored = harness();
        final RiskEngineHarness fresh = harness();
        assertEquals(OptionalLong.empty(), store.loadLatest(restored.engine()));
        assertSkipped(file, "state digest");
        assertEquals(fresh.stateDigest(), restored.stateDigest(), "the half-trusted state is cleared");
        assertEquals(0, restored.counters().get(EngineCounter.CARDS_HELD).get());
        run(fresh, 0, 300);
        run(restored, 0, 300);
        assertEquals(fresh.stateDigest(), restored.stateDigest(), "a cleared engine replays like a new one");
    }

    @Test
    void aRenamedSnapshotIsSkipped() throws IOException {
        final RiskEngineHarness original = harness();
        run(original, 0, 100);
        final Path written = store.write(original.engine(), 99);
        final Path renamed = Files.move(written, written.resolveSibling("snapshot-00000000000000000150.snap"));
        assertEquals(OptionalLong.empty(), store.loadLatest(harness().engine()));
        assertSkipped(renamed, "named for sequence 150 but holds sequence 99");
    }

    @Test
    void anUnfinishedWriteIsIgnoredAndDeleted() throws IOException {
        twoSnapshots();
        final Path leftover = store.directory().resolve("snapshot-00000000000000000900.tmp");
        Files.write(leftover, new byte[] {'R', 'F', 'S', 'N', 'A', 'P', 0, 1, 0});

        assertEquals(OptionalLong.of(599), store.loadLatest(harness().engine()));
        assertFalse(Files.exists(leftover));
        assertEquals(List.of(), warnings());
    }

    @Test
    void pruneKeepsTheNewestGoodSnapshots() throws IOException {
        final RiskEngineHarness original = harness();
        for (int i = 1; i <= 5; i++) {
            run(original, (i - 1) * 20, i * 20);
            store.write(original.engine(), i * 100L);
        }
        Files.writeString(store.directory().resolve("notes.txt"), "kept: not a snapshot");
        final List<SnapshotInfo> all = store.list();
        assertEquals(List.of(500L, 400L, 300L, 200L, 100L), all.stream().map(SnapshotInfo::sequence).toList());
        for (final SnapshotInfo info : all) {
            assertEquals(Files.size(info.file()), info.size());
        }

        flipByte(all.get(0).file(), 40);
        store.prune(2);
        assertEquals(List.of(400L, 300L), store.list().stream().map(SnapshotInfo::sequence).toList());
        assertSkippedOrDeleted(all.get(0).file(), "deleted: checksum mismatch");
        assertTrue(Files.exists(store.directory().resolve("notes.txt")));

        store.prune(1);
        assertEquals(List.of(400L), store.list().stream().map(SnapshotInfo::sequence).toList());
        assertEquals(OptionalLong.of(400), store.loadLatest(harness().engine()));
    }

    @Test
    void noDirectoryMeansNoSnapshot() throws IOException {
        assertEquals(OptionalLong.empty(), store.loadLatest(harness().engine()));
        assertEquals(List.of(), store.list());
    }

    /** Snapshots at 299 and 599 of one engine; returns the digest at 299. */
    private long twoSnapshots() throws IOException {
        final RiskEngineHarness original = harness();
        run(original, 0, 300);
        store.write(original.engine(), 299);
        final long digest = original.stateDigest();
        run(original, 300, 600);
        store.write(original.engine(), 599);
        return digest;
    }

    private static RiskEngineHarness harness() {
        return new RiskEngineHarness(CARDS, new BuiltInPolicyScorer());
    }

    private static void run(final RiskEngineHarness harness, final int from, final int to) {
        for (int step = from; step < to; step++) {
            TRAFFIC.apply(harness, step);
        }
    }

    /** Everything a caller or the journal sees of a decision, but the sequence (each harness counts its own). */
    private static String outcome(final EngineEvent e) {
        return e.type + " " + e.action + " " + e.responseCode + " " + e.score + " " + e.reason0 + " " + e.reason1 + " "
            + e.reason2 + " " + e.flagRaised + " " + e.applied + " " + Long.toHexString(e.resolvedFingerprintHigh)
            + Long.toHexString(e.resolvedFingerprintLow);
    }

    private Path newest() throws IOException {
        return store.list().get(0).file();
    }

    private static List<Path> filesIn(final Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted(Comparator.reverseOrder()).toList();
        }
    }

    private static void flipByte(final Path file, final long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            final ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            channel.write(one.put(0, (byte)(one.get(0) ^ 0x10)).rewind(), position);
        }
    }

    /**
     * Changes a payload byte of the first card record and rewrites the trailer checksum to match, as a bug (not a
     * disk) would: only the state digest check can catch it.
     */
    private static void tamperWithFirstCardKeepingTheChecksum(final Path file) throws IOException {
        final byte[] bytes = Files.readAllBytes(file);
        final SnapshotHeader header = SnapshotHeader.decode(ByteBuffer.wrap(bytes));
        final int sectionHeader = 5 * Integer.BYTES + 2 * Long.BYTES;
        bytes[header.length() + sectionHeader + 40] ^= 0x01;
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - Integer.BYTES);
        ByteBuffer.wrap(bytes).putInt(bytes.length - Integer.BYTES, (int)crc.getValue());
        Files.write(file, bytes);
    }

    private List<String> warnings() {
        final List<String> out = new ArrayList<>();
        for (final LogRecord record : logged) {
            if (record.getLevel() == Level.WARNING) {
                out.add(record.getMessage());
            }
        }
        return out;
    }

    private void assertSkipped(final Path file, final String reason) {
        assertSkippedOrDeleted(file, "skipped: " + reason);
    }

    private void assertSkippedOrDeleted(final Path file, final String reason) {
        final String prefix = "Snapshot " + file + " ";
        assertEquals(1, warnings().stream().filter(line -> line.startsWith(prefix)).count(),
            "one line for " + file + " in " + warnings());
        assertTrue(warnings().stream().anyMatch(line -> line.startsWith(prefix + reason)),
            "'" + reason + "' in " + warnings());
    }
}
