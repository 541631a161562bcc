package io.ringfence.journal;

import io.ringfence.api.JournalConfig;
import io.ringfence.decision.RiskEngine;
import io.ringfence.event.EngineEvent;
import io.ringfence.snapshot.SnapshotStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The PAN never rests: after journaling traffic on known test PANs (inputs and decisions) and snapshotting the
 * state, no byte sequence of any journal or snapshot file is any of those PANs as ASCII digits, packed BCD (both
 * nibble orders, odd lengths padded either way) or a binary long in either byte order. Failures name the file and encoding, never the PAN.
 */
class PanScanTest {
    @TempDir
    Path root;

    @Test
    void noJournalOrSnapshotFileHoldsAnyTestPanInAnyEncoding() throws IOException {
        final List<String> pans = JournalFixtures.pans();
        final List<EngineEvent> events = JournalFixtures.events(pans, 3_000, 11L);
        final RiskEngine engine = JournalFixtures.riskEngine();
        final JournalConfig config = JournalConfig.in(root);
        try (ChronicleEventJournal inputs = ChronicleEventJournal.open(config);
             DecisionJournal decisions = DecisionJournal.open(config)) {
            for (int i = 0; i < events.size(); i++) {
                inputs.append(events.get(i), i);
                engine.apply(events.get(i), i);
                decisions.append(events.get(i), 1_000L, false);
            }
        }
        new SnapshotStore(config.snapshotDirectory()).write(engine, events.size() - 1);
        final List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.stream().filter(f -> f.toString().endsWith(".cq4")).count() >= 2, "journal files written");
        assertTrue(files.stream().anyMatch(f -> f.toString().endsWith(".snap")), "a snapshot written");

        final List<byte[]> needles = new ArrayList<>();
        final List<String> encodings = new ArrayList<>();
        for (int p = 0; p < pans.size(); p++) {
            final String pan = pans.get(p);
            add(needles, encodings, pan.getBytes(StandardCharsets.US_ASCII), "ASCII digits of PAN #" + p);
            add(needles, encodings, bcd(pan, false, false), "packed BCD of PAN #" + p);
            add(needles, encodings, bcd(pan, true, false), "packed BCD (low nibble first) of PAN #" + p);
            if (pan.length() % 2 == 1) {
                add(needles, encodings, bcd(pan, false, true), "packed BCD, leading pad, of PAN #" + p);
                add(needles, encodings, bcd(pan, true, true), "packed BCD, low nibble first, leading pad, of PAN #" + p);
            }
            final long value = Long.parseLong(pan);
            add(needles, encodings, ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putLong(value).array(),
                "big-endian long of PAN #" + p);
            add(needles, encodings, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array(),
                "little-endian long of PAN #" + p);
        }
        // Needles indexed by their first two bytes, so the scan looks at each file position once.
        final List<List<Integer>> byPrefix = new ArrayList<>(65_536);
        for (int i = 0; i < 65_536; i++) {
            byPrefix.add(null);
        }
        for (int n = 0; n < needles.size(); n++) {
            final int prefix = prefix(needles.get(n), 0);
            if (byPrefix.get(prefix) == null) {
                byPrefix.set(prefix, new ArrayList<>());
            }
            byPrefix.get(prefix).add(n);
        }
        // The scan finds what it looks for: a planted encoding in a zero-filled buffer.
        final byte[] canary = new byte[4_096];
        System.arraycopy(needles.get(needles.size() - 3), 0, canary, 1_000, needles.get(needles.size() - 3).length);
        assertEquals(needles.size() - 3, firstMatch(canary, needles, byPrefix), "scanner self-check");

        long scanned = 0;
        for (final Path file : files) {
            final byte[] content = Files.readAllBytes(file);
            scanned += content.length;
            final int match = firstMatch(content, needles, byPrefix);
            if (match >= 0) {
                fail(root.relativize(file) + " contains the " + encodings.get(match));
            }
        }
        assertTrue(scanned > 0);
        assertEquals(needles.size(), encodings.size());
    }

    private static void add(final List<byte[]> needles, final List<String> encodings, final byte[] needle,
        final String encoding) {
        needles.add(needle);
        encodings.add(encoding);
    }

    /** Packed BCD, two digits a byte; an odd length is padded with 0xF at the end or (leadingPad) the start. */
    static byte[] bcd(final String digits, final boolean lowNibbleFirst, final boolean leadingPad) {
        String padded = digits;
        if (digits.length() % 2 == 1) {
            padded = leadingPad ? "F" + digits : digits + "F";
        }
        final byte[] out = new byte[padded.length() / 2];
        for (int i = 0; i < out.length; i++) {
            final int a = Character.digit(padded.charAt(2 * i), 16);
            final int b = Character.digit(padded.charAt(2 * i + 1), 16);
            out[i] = (byte)(lowNibbleFirst ? (b << 4) | a : (a << 4) | b);
        }
        return out;
    }

    /** The index of the first needle found in {@code content}, or -1. */
    private static int firstMatch(final byte[] content, final List<byte[]> needles,
        final List<List<Integer>> byPrefix) {
        for (int i = 0; i + 1 < content.length; i++) {
            final List<Integer> candidates = byPrefix.get(prefix(content, i));
            if (candidates == null) {
                continue;
            }
            for (final int n : candidates) {
                if (matchesAt(content, i, needles.get(n))) {
                    return n;
                }
            }
        }
        return -1;
    }

    private static int prefix(final byte[] bytes, final int at) {
        return (bytes[at] & 0xff) << 8 | (bytes[at + 1] & 0xff);
    }

    private static boolean matchesAt(final byte[] haystack, final int at, final byte[] needle) {
        if (at + needle.length > haystack.length) {
            return false;
        }
        for (int j = 0; j < needle.length; j++) {
            if (haystack[at + j] != needle[j]) {
                return false;
            }
        }
        return true;
    }
}
