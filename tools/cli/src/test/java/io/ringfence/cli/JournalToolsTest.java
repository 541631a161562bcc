package io.ringfence.cli;

import io.ringfence.EngineConfig;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.CardRef;
import io.ringfence.api.Channel;
import io.ringfence.api.EntryMode;
import io.ringfence.api.Fingerprint;
import io.ringfence.api.FraudReportKind;
import io.ringfence.api.JournalConfig;
import io.ringfence.api.StoreCapacities;
import io.ringfence.cli.RingfenceCli;
import io.ringfence.decision.DecisionPolicy;
import io.ringfence.decision.RiskEngine;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.EventType;
import io.ringfence.ingress.CardFingerprinter;
import io.ringfence.ingress.Ingress;
import io.ringfence.journal.ChronicleEventJournal;
import io.ringfence.journal.DecisionJournal;
import io.ringfence.metrics.EngineCounters;
import io.ringfence.scoring.BuiltInPolicyScorer;
import io.ringfence.scoring.DecisionThresholds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ringfence journal dump|stats} and {@code ringfence replay} on a small journal written by the test. */
class JournalToolsTest {
    private static final long T0 = 1_710_496_800_000L;
    private static final int EVENTS = 400;
    /** Published network test PANs plus a few generated Luhn-valid ones. */
    private static final List<String> PANS = List.of("4111111111111111", "5500005555555559", "4012888888881881",
        "378282246310005", "6011111111111117", "4532015112830366", "4916338506082832", "5425233430109903");
    private static final String[] SMALL_ENGINE = {"--card-capacity", "1024", "--merchant-capacity", "256",
        "--terminal-capacity", "256", "--token-capacity", "64"};

    @TempDir
    Path root;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private long digest;
    private String someFingerprint;
    private int declines;

    @BeforeEach
    void writeJournals() {
        writeJournals(-1);
    }

    /** Journals EVENTS events and their decisions, altering the recorded score of event {@code alter} if >= 0. */
    private void writeJournals(final int alter) {
        final Ingress ingress = new Ingress(new CardFingerprinter(
            "tools-test-fingerprint-key-0123456789".getBytes(StandardCharsets.US_ASCII)),
            EngineConfig.MAX_AMOUNT_MINOR_DEFAULT, () -> T0);
        final RiskEngine engine = new RiskEngine(new StoreCapacities(1024, 256, 256, 64, 1024, 1024), new BuiltInPolicyScorer(),
            new DecisionPolicy(DecisionThresholds.DEFAULT), new EngineCounters());
        final SplittableRandom random = new SplittableRandom(42L);
        final JournalConfig config = JournalConfig.in(root);
        declines = 0;
        try (ChronicleEventJournal inputs = ChronicleEventJournal.open(config);
             DecisionJournal decisions = DecisionJournal.open(config)) {
            long time = T0;
            for (int i = 0; i < EVENTS; i++) {
                time += 1_000L + random.nextInt(600_000);
                final String pan = PANS.get(random.nextInt(PANS.size()));
                final EngineEvent event = new EngineEvent();
                event.clear();
                if (i % 40 == 39) {
                    event.type = EventType.REPORT_FRAUD;
                    event.eventTimeMillis = time;
                    event.reportKind = FraudReportKind.ISSUER_REPORT;
                    ingress.decodeCard(CardRef.pan(pan), event);
                } else {
                    event.type = EventType.AUTHORIZE;
                    final boolean online = random.nextBoolean();
                    final AuthorizationRequest.Builder request = AuthorizationRequest.builder()
                        .requestId("req-" + i).pan(pan).expiry("1230")
                        .amountMinor(100 + random.nextInt(random.nextInt(8) == 0 ? 900_000 : 20_000))
                        .currency("USD").channel(online ? Channel.CNP : Channel.CP)
                        .entryMode(online ? EntryMode.ECOMMERCE : EntryMode.CHIP)
                        .merchantId(online ? "shop-" + random.nextInt(3) : "store-1").terminalId(online ? null : "t1")
                        .mcc(5411).merchantCountry("US").cardCountry("US").transmissionTimeMillis(time);
                    if (online) {
                        request.ipAddress("203.0.113." + random.nextInt(4)).ipCountry(random.nextInt(6) == 0 ? "RU" : "US")
                            .deviceId("device-" + random.nextInt(6)).email("a@example.com").billingCountry("US");
                    }
                    ingress.decodeAuthorization(request.build(), event);
                }
                inputs.append(event, i);
                engine.apply(event, i);
                if (event.action == io.ringfence.api.Action.DECLINE) {
                    declines++;
                }
                if (i == alter) {
                    event.score += 1;
                }
                decisions.append(event, 5_000L, false);
                someFingerprint = new Fingerprint(event.fingerprintHigh, event.fingerprintLow).toString();
            }
        }
        digest = engine.stateDigest();
    }

    private int run(final String... args) {
        return RingfenceCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void dumpPrintsOneJsonLinePerInputEventWithoutAnyPan() {
        assertEquals(0, run("journal", "dump", "--dir", root.toString()), err.toString());
        final List<String> lines = out.toString().lines().toList();
        assertEquals(EVENTS, lines.size());
        assertTrue(lines.get(0).startsWith("{\"sequence\":0,\"type\":\"AUTHORIZE\",\"time\":\"2024-03-15T"),
            lines.get(0));
        assertTrue(lines.get(0).matches(".*\"fingerprint\":\"[0-9a-f]{32}\".*"), lines.get(0));
        assertTrue(lines.get(0).contains("\"request_id\":\"req-0\""), lines.get(0));
        assertTrue(lines.stream().allMatch(l -> l.startsWith("{") && l.endsWith("}")));
        assertTrue(lines.get(39).contains("\"type\":\"REPORT_FRAUD\""), lines.get(39));
        assertNoPan(out.toString());
    }

    @Test
    void dumpFiltersByFingerprintAndTime() {
        assertEquals(0, run("journal", "dump", "--dir", root.toString(), "--fingerprint", someFingerprint.toUpperCase()));
        final List<String> lines = out.toString().lines().toList();
        assertFalse(lines.isEmpty());
        assertTrue(lines.size() < EVENTS);
        assertTrue(lines.stream().allMatch(l -> l.contains(someFingerprint)));

        out.getBuffer().setLength(0);
        final String from = Instant.ofEpochMilli(T0 + 3_600_000L).toString();
        assertEquals(0, run("journal", "dump", "--dir", root.toString(), "--from", from,
            "--to", Long.toString(T0 + 7_200_000L)));
        final List<String> window = out.toString().lines().toList();
        assertFalse(window.isEmpty());
        assertTrue(window.stream().allMatch(l -> l.contains("\"time\":\"2024-03-15T11:")), window.get(0));
    }

    @Test
    void dumpOfDecisionsFiltersByAction() {
        assertEquals(0, run("journal", "dump", "--dir", root.toString(), "--decisions", "--action", "decline"),
            err.toString());
        final List<String> lines = out.toString().lines().toList();
        assertEquals(declines, lines.size());
        assertTrue(declines > 0, "the traffic has declines");
        assertTrue(lines.stream().allMatch(l -> l.contains("\"action\":\"DECLINE\"")
            && l.matches(".*\"response_code\":\"[0-9A-Z]{2}\".*") && l.contains("\"reasons\":[")
            && l.contains("\"stand_in\":false") && l.contains("\"latency_nanos\":5000")), lines.get(0));
        assertNoPan(out.toString());
    }

    @Test
    void statsSummarisesBothJournals() {
        assertEquals(0, run("journal", "stats", "--dir", root.toString()), err.toString());
        final String text = out.toString();
        assertTrue(text.contains("events           400"), text);
        assertTrue(text.contains("first            sequence 0 at 2024-03-15T"), text);
        assertTrue(text.contains("last             sequence 399 at"), text);
        assertTrue(text.contains("AUTHORIZE 390") && text.contains("REPORT_FRAUD 10"), text);
        assertTrue(text.contains("by channel       CNP"), text);
        assertTrue(text.contains("fingerprints     " + PANS.size() + " distinct"), text);
        assertTrue(text.contains("decisions        400"), text);
        assertTrue(text.contains("DECLINE/"), text);
        assertTrue(text.matches("(?s).*input journal .*: 1 files, [0-9,]+ bytes.*"), text);
        assertNoPan(text);
    }

    @Test
    void replayReachesTheSameDigestAndNoDifferences() {
        final List<String> args = new ArrayList<>(List.of("replay", "--dir", root.toString()));
        args.addAll(List.of(SMALL_ENGINE));
        assertEquals(0, run(args.toArray(String[]::new)), err.toString());
        final String text = out.toString();
        assertTrue(text.contains("replayed       400 events"), text);
        assertTrue(text.contains("state digest   " + String.format("%016x", digest)), text);
        assertTrue(text.contains("400 compared with") && text.contains(": 0 differences"), text);
        assertTrue(text.matches("(?s).*events/s.*"), text);
    }

    @Test
    void replayReportsADecisionThatDiffers() throws IOException {
        deleteJournals();
        writeJournals(123);
        final List<String> args = new ArrayList<>(List.of("replay", "--dir", root.toString()));
        args.addAll(List.of(SMALL_ENGINE));
        assertEquals(0, run(args.toArray(String[]::new)), err.toString());
        final String text = out.toString();
        assertTrue(text.contains(": 1 differences"), text);
        assertTrue(text.contains("difference at sequence 123 "), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"journal dump --dir", "journal stats --dir", "replay --card-capacity 64 --dir"})
    void aMissingJournalIsOneLineAndExitCodeOne(final String command) {
        final List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add(root.resolve("nowhere").toString());
        assertEquals(1, run(args.toArray(String[]::new)));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("does not exist"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void aCorruptJournalIsOneLineAndExitCodeOne() throws IOException {
        final Path corrupt = Files.createDirectories(root.resolve("corrupt"));
        Files.write(corrupt.resolve("20240315F.cq4"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertEquals(1, run("journal", "dump", "--dir", corrupt.toString()));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains(corrupt.toString()), err.toString());
    }

    @Test
    void verifyReadsEveryRecordOfBothJournals() throws IOException {
        assertEquals(0, run("journal", "verify", "--dir", root.toString()), err.toString());
        assertTrue(out.toString().contains("input records"), out.toString());
        assertTrue(out.toString().contains("decision records"), out.toString());
        err.getBuffer().setLength(0);
        final Path corrupt = Files.createDirectories(root.resolve("corrupt-verify"));
        Files.write(corrupt.resolve("20240315F.cq4"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertEquals(1, run("journal", "verify", "--dir", corrupt.toString()));
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    @Test
    void theDecisionJournalIsNotDumpedAsInputs() {
        assertEquals(1, run("journal", "dump", "--dir", root.resolve("decisions").toString()));
        assertTrue(err.toString().contains("decision record where an input event was expected"), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "journal dump;--dir",
        "journal dump --dir D --fingerprint abc;--fingerprint",
        "journal dump --dir D --from yesterday;yesterday",
        "journal dump --dir D --to 2024-13-01;2024-13-01",
        "journal dump --dir D --from 2024-03-16T00:00:00Z --to 2024-03-15T00:00:00Z;--from",
        "journal dump --dir D --action DECLINE;--decisions",
        "journal dump --dir D --decisions --action MAYBE;--action",
        "journal stats --dir D --bogus;--bogus",
        "journal frobnicate;frobnicate",
        "replay --dir D --card-capacity 0;--card-capacity",
        "replay --dir D --token-capacity lots;--token-capacity",
    })
    void aBadCommandLineIsOneLineAndExitCodeTwo(final String spec) {
        final String[] parts = spec.split(";");
        final String[] args = parts[0].replace(" D", " " + root).split(" ");
        assertEquals(RingfenceCli.USAGE_ERROR, run(args), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains(parts[1]), err.toString());
        assertTrue(err.toString().contains("--help"), err.toString());
        assertEquals("", out.toString());
    }

    private void deleteJournals() throws IOException {
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(root)).forEach(p -> p.toFile().delete());
        }
    }

    private static void assertNoPan(final String text) {
        for (int i = 0; i < PANS.size(); i++) {
            assertFalse(text.contains(PANS.get(i)), "output contains test PAN #" + i);
        }
    }
}
