package io.ringfence.models.training;


import io.ringfence.EngineConfig;
import io.ringfence.api.Action;
import io.ringfence.api.Fingerprint;
import io.ringfence.api.FlagReason;
import io.ringfence.api.FraudReportKind;
import io.ringfence.api.ReasonCode;
import io.ringfence.decision.DecisionPolicy;
import io.ringfence.decision.RiskEngine;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.EventType;
import io.ringfence.features.Feature;
import io.ringfence.ingress.CardFingerprinter;
import io.ringfence.ingress.Ingress;
import io.ringfence.metrics.EngineCounters;
import io.ringfence.models.data.CsvReplayReader;
import io.ringfence.models.data.GeneratedCsv;
import io.ringfence.models.data.ReplayFormatException;
import io.ringfence.models.data.ReplayRow;
import io.ringfence.models.evaluation.EvaluationWindow;
import io.ringfence.scoring.BuiltInPolicyScorer;
import io.ringfence.scoring.DecisionThresholds;
import io.ringfence.synthetic.GeneratorConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replay mode. Live and replay share one feature code path: the pipeline's business-logic stage calls
 * {@link RiskEngine#apply} on each event in ring order, and a replay calls the same method on the same decoded events
 * in file order; the features are the engine's {@link RiskEngine#lastFeatures()}, computed before the authorization
 * updates the state. So replay-mode features equal live features for the same event sequence, which these tests check
 * against a second, independent driver of the engine (a sorted list of reports instead of a priority queue).
 */
class FeatureReplayTest {
    private static final long DAY = 86_400_000L;
    private static final Duration DELAY = Duration.ofDays(2);

    @TempDir
    static Path shared;
    static Path generated;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() throws IOException {
        generated = shared.resolve("traffic.csv");
        GeneratedCsv.write(new GeneratorConfig(500, 6, 5, GeneratorConfig.FIRST_DAY_DEFAULT), generated);
    }

    @Test
    void twoReplaysGiveIdenticalRows() throws IOException {
        final List<FeatureRow> first = replay(generated, DELAY, 0, Long.MAX_VALUE);
        final List<FeatureRow> second = replay(generated, DELAY, 0, Long.MAX_VALUE);
        assertTrue(first.size() > 10_000, "rows " + first.size());
        assertTrue(first.stream().anyMatch(FeatureRow::fraud));
        assertEquals(first.size(), second.size());
        for (int i = 0; i < first.size(); i++) {
            assertSame(first.get(i), second.get(i));
        }
    }

    @Test
    void rowsEqualTheEngineFeaturesOfTheSameEventsProcessedDirectly() throws IOException {
        final List<FeatureRow> replayed = replay(generated, DELAY, 0, Long.MAX_VALUE);
        final List<FeatureRow> direct = direct(generated, DELAY.toMillis());
        assertTrue(replayed.stream().anyMatch(r -> r.features()[Feature.MERCHANT_FRAUD_REPORTS_30D.ordinal()] > 0),
            "some fraud reports must have reached the features for this test to mean anything");
        assertEquals(direct.size(), replayed.size());
        for (int i = 0; i < direct.size(); i++) {
            assertSame(direct.get(i), replayed.get(i));
        }
    }

    @Test
    void rowsBeforeFromWarmTheStateButAreNotEmitted() throws IOException {
        final List<FeatureRow> all = replay(generated, DELAY, 0, Long.MAX_VALUE);
        final long from = Math.floorDiv(all.get(0).timeMillis(), DAY) * DAY + 2 * DAY;
        final long to = from + 2 * DAY;
        final List<FeatureRow> window = replay(generated, DELAY, from, to);
        final List<FeatureRow> expected = all.stream().filter(r -> r.timeMillis() >= from && r.timeMillis() < to)
            .toList();
        assertEquals(expected.size(), window.size());
        for (int i = 0; i < expected.size(); i++) {
            assertSame(expected.get(i), window.get(i));
        }
    }

    @Test
    void aFraudReportArrivesExactlyAtTheDelayAndNotBefore() throws IOException {
        final Duration delay = Duration.ofHours(36);
        final long t0 = Instant.parse("2025-03-03T10:00:00Z").toEpochMilli();
        final long due = t0 + delay.toMillis();
        final Path csv = dir.resolve("report.csv");
        Files.writeString(csv, String.join("\n",
            "timestamp,card,amount,channel,id,merchant,terminal,entry_mode,label",
            row(t0, "card-a", "a1", 1),
            row(t0 + 1000, "card-b", "b1", 0),
            row(due - 1, "card-b", "b2", 0),
            row(due, "card-b", "b3", 0),
            row(due + 1000, "card-c", "c1", 0)) + "\n");
        final List<FeatureRow> rows = replay(csv, delay, 0, Long.MAX_VALUE);
        final int merchantReports = Feature.MERCHANT_FRAUD_REPORTS_30D.ordinal();
        final int terminalReports = Feature.TERMINAL_FRAUD_REPORTS_30D.ordinal();
        assertEquals(List.of("a1", "b1", "b2", "b3", "c1"), rows.stream().map(FeatureRow::id).toList());
        assertEquals(0.0, rows.get(1).features()[merchantReports], "b1: before the delay");
        assertEquals(0.0, rows.get(2).features()[merchantReports], "b2: one millisecond before the delay");
        assertEquals(1.0, rows.get(3).features()[merchantReports], "b3: at the delay");
        assertEquals(0.0, rows.get(3).features()[terminalReports],
            "b3: card-a's fraud happened at its last in-store terminal, so no point of compromise is known");
        assertEquals(1.0, rows.get(4).features()[merchantReports], "c1: after the delay");
        // The card itself is flagged by the report, so its next authorization would be declined at 1000; the others
        // are not affected.
        assertTrue(rows.get(3).policyScore() < 1000);
    }

    @Test
    void rowsOutOfTimeOrderStopTheReplay() throws IOException {
        final long t0 = Instant.parse("2025-03-03T10:00:00Z").toEpochMilli();
        final Path csv = dir.resolve("unordered.csv");
        Files.writeString(csv, String.join("\n", "timestamp,card,amount,channel,id,merchant,terminal,entry_mode,label",
            row(t0, "card-a", "a1", 0), row(t0 - 1, "card-b", "b1", 0)) + "\n");
        final ReplayFormatException e = assertThrows(ReplayFormatException.class,
            () -> replay(csv, DELAY, 0, Long.MAX_VALUE));
        assertTrue(e.getMessage().contains("time order"), e.getMessage());
    }

    @Test
    void aFileWithOnlyTheHandbooksColumnsIsScoredRowByRowAndRefusalsAreCountedByReason() throws IOException {
        final long t0 = Instant.parse("2018-07-25T10:00:00Z").toEpochMilli();
        final Path csv = dir.resolve("handbook-columns.csv");
        Files.writeString(csv, String.join("\n", "id,timestamp,card,channel,amount,currency,merchant,terminal,label",
            "1," + Instant.ofEpochMilli(t0) + ",C596,CP,57.16,USD,T12,T12,0",
            "2," + Instant.ofEpochMilli(t0 + 1000) + ",C596,CP,0.00,USD,T12,T12,0",
            "3," + Instant.ofEpochMilli(t0 + 2000) + ",C17,CNP,12.00,USD,T3,T3,1",
            "4," + Instant.ofEpochMilli(t0 + 3000) + ",C17,CP,100000001.00,USD,T3,T3,0",
            "5," + Instant.ofEpochMilli(t0 + 4000) + ",C17,CNP,9.00,USD,T3,T3,0",
            "6," + Instant.ofEpochMilli(t0 + 5000) + ",C596,CP,8.00,USD,T12,T12,1") + "\n");
        final List<FeatureRow> rows = new ArrayList<>();
        final FeatureReplay.Stats stats = new FeatureReplay(DELAY, 0, Long.MAX_VALUE, 1 << 14).run(csv, rows::add);

        assertEquals(List.of("1", "2", "6"), rows.stream().map(FeatureRow::id).toList());
        assertEquals(2.0, rows.get(2).features()[Feature.CP_COUNT_1H.ordinal()],
            "the zero-amount verification was scored and counted in the card's history");
        assertEquals(3, stats.rejected());
        assertEquals(Map.of(ReasonCode.CNP_WITHOUT_SIGNALS, 2L, ReasonCode.AMOUNT_TOO_LARGE, 1L),
            stats.refusals().byReason());
        assertEquals(4, stats.refusals().firstLine());
        assertTrue(stats.refusals().describe().startsWith("3 rows refused by the engine (AMOUNT_TOO_LARGE 1,"
            + " CNP_WITHOUT_SIGNALS 2), the first at line 4 (CNP_WITHOUT_SIGNALS: "), stats.refusals().describe());
        assertEquals(1, stats.fraudRows(), "a refused fraud row is never reported: the engine never saw it");
    }

    @Test
    void feedbackDelaysRoundUpToWholeDays() {
        assertEquals(2, EvaluationWindow.wholeDaysUp(Duration.ofHours(36)));
        assertEquals(7, EvaluationWindow.wholeDaysUp(Duration.ofDays(7)));
    }

    @Test
    void aFlagRaisedOnAGenuinePaymentIsClearedADayLaterAsTheCardholderDisputesIt() throws IOException {
        final long t0 = Instant.parse("2025-03-03T10:00:00Z").toEpochMilli();
        final long cleared = t0 + 4 * 60_000 + FeatureReplay.DISPUTE_DELAY.toMillis();
        final List<String> lines = new ArrayList<>(List.of("timestamp,card,amount,channel,id,merchant,terminal,"
            + "entry_mode,label,ip"));
        for (int attempt = 0; attempt < 5; attempt++) {
            lines.add(Instant.ofEpochMilli(t0 + attempt * 60_000) + ",card-x,1.00,CNP,x" + attempt + ",M9,,ecommerce,0,10.0.0.9");
        }
        lines.add(row(cleared - 1, "card-x", "before", 0) + ",");
        lines.add(row(cleared, "card-x", "after", 0) + ",");
        final Path csv = dir.resolve("dispute.csv");
        Files.writeString(csv, String.join("\n", lines) + "\n");

        final List<FeatureRow> rows = new ArrayList<>();
        final FeatureReplay.Stats stats = new FeatureReplay(DELAY, 0, Long.MAX_VALUE).run(csv, rows::add);

        assertTrue(rows.get(4).policyScore() >= 800, "the fifth small attempt is card testing: declined, flagged");
        assertEquals(1, stats.flagsDisputed());
        assertEquals(1000, rows.get(5).policyScore(), "still blocked just before the analyst clears the flag");
        assertTrue(rows.get(6).policyScore() < 1000, "cleared a day after the disputed payment");
    }

    @Test
    void aGenuinePaymentRefusedForAReportedFraudIsDisputedAsTheCustomerOfAReissuedCard() throws IOException {
        final long t0 = Instant.parse("2025-03-03T10:00:00Z").toEpochMilli();
        final long refused = t0 + DELAY.toMillis() + 3_600_000;
        final long cleared = refused + FeatureReplay.DISPUTE_DELAY.toMillis();
        final Path csv = dir.resolve("reissued.csv");
        Files.writeString(csv, String.join("\n", "timestamp,card,amount,channel,id,merchant,terminal,entry_mode,label",
            row(t0, "C7", "fraud", 1), row(refused, "C7", "refused", 0), row(refused + 60_000, "C7", "again", 0),
            row(cleared - 1, "C7", "before", 0), row(cleared, "C7", "after", 0)) + "\n");

        final List<FeatureRow> rows = new ArrayList<>();
        final FeatureReplay.Stats stats = new FeatureReplay(DELAY, 0, Long.MAX_VALUE, 1 << 14).run(csv, rows::add);

        assertEquals(List.of(1000, 1000, 1000), rows.subList(1, 4).stream().map(FeatureRow::policyScore).toList(),
            "the report flagged the card: refused until the analyst clears it");
        assertEquals(1, stats.flagsDisputed(), "one clear awaited at a time");
        assertTrue(rows.get(4).policyScore() < 1000, "cleared a day after the first refused payment");
    }

    private static String row(final long time, final String card, final String id, final int label) {
        return Instant.ofEpochMilli(time) + "," + card + ",25.00,CP," + id + ",M1,T1,chip," + label;
    }

    static List<FeatureRow> replay(final Path file, final Duration delay, final long from, final long to)
        throws IOException {
        final List<FeatureRow> rows = new ArrayList<>();
        new FeatureReplay(delay, from, to, 1 << 14).run(file, rows::add);
        return rows;
    }

    /**
     * The same events processed straight through {@link RiskEngine#apply}: fraud reports at the delay, and a clear
     * {@link FeatureReplay#DISPUTE_DELAY} after a genuine payment that raised a flag or was refused for one (one clear
     * awaited per card); control events due at the same time go in the order of the rows that caused them.
     */
    private static List<FeatureRow> direct(final Path file, final long delayMillis) throws IOException {
        final EngineConfig config = FeatureReplay.engineConfig(1 << 14);
        final Ingress ingress = new Ingress(new CardFingerprinter(CardFingerprinter.developmentKey()), config.maxAmountMinor(),
            () -> {
                throw new IllegalStateException("a replay row without a time");
            });
        final List<EngineEvent> authorizations = new ArrayList<>();
        final List<ReplayRow> rows = new ArrayList<>();
        final PriorityQueue<Due> due = new PriorityQueue<>(
            Comparator.comparingLong(Due::timeMillis).thenComparingInt(Due::row));
        CsvReplayReader.forEach(file, row -> {
            final EngineEvent event = new EngineEvent();
            event.type = EventType.AUTHORIZE;
            ingress.decodeAuthorization(row.request(), event);
            if (row.fraud()) {
                final EngineEvent report = control(EventType.REPORT_FRAUD, row.timeMillis() + delayMillis, event);
                report.reportKind = FraudReportKind.ISSUER_REPORT;
                report.merchantKey = event.merchantKey;
                report.terminalKey = event.terminalKey;
                due.add(new Due(report.eventTimeMillis, rows.size(), report));
            }
            authorizations.add(event);
            rows.add(row);
        });
        final RiskEngine engine = new RiskEngine(config.capacities(), new BuiltInPolicyScorer(),
            new DecisionPolicy(DecisionThresholds.DEFAULT), new EngineCounters());
        final List<FeatureRow> out = new ArrayList<>();
        final Set<Fingerprint> awaitingClear = new HashSet<>();
        long sequence = 0;
        for (int i = 0; i < authorizations.size(); i++) {
            final EngineEvent event = authorizations.get(i);
            while (!due.isEmpty() && due.peek().timeMillis() <= event.eventTimeMillis) {
                final EngineEvent control = due.poll().event();
                if (control.type == EventType.CLEAR_FLAG) {
                    awaitingClear.remove(new Fingerprint(control.fingerprintHigh, control.fingerprintLow));
                }
                engine.apply(control, sequence++);
            }
            engine.apply(event, sequence++);
            final ReplayRow row = rows.get(i);
            final boolean refusedForAFlag = event.action == Action.DECLINE
                && (event.reason0 == ReasonCode.CARD_FLAGGED || event.reason0 == ReasonCode.CARD_FLAGGED_ONLINE);
            if (row.label() == ReplayRow.Label.GENUINE
                && (event.flagRaised != FlagReason.NOT_FLAGGED || refusedForAFlag)
                && awaitingClear.add(new Fingerprint(event.fingerprintHigh, event.fingerprintLow))) {
                final long clearTime = row.timeMillis() + FeatureReplay.DISPUTE_DELAY.toMillis();
                due.add(new Due(clearTime, i, control(EventType.CLEAR_FLAG, clearTime, event)));
            }
            out.add(new FeatureRow(row.id(), new Fingerprint(event.fingerprintHigh, event.fingerprintLow).toString(),
                row.timeMillis(), engine.lastFeatures().toArray(), row.label(), event.score));
        }
        return out;
    }

    private static EngineEvent control(final EventType type, final long timeMillis, final EngineEvent about) {
        final EngineEvent control = new EngineEvent();
        control.type = type;
        control.eventTimeMillis = timeMillis;
        control.fingerprintHigh = about.fingerprintHigh;
        control.fingerprintLow = about.fingerprintLow;
        control.bin = about.bin;
        control.lastFour = about.lastFour;
        return control;
    }

    private record Due(long timeMillis, int row, EngineEvent event) {
    }

    private static void assertSame(final FeatureRow expected, final FeatureRow actual) {
        assertEquals(expected.id(), actual.id());
        assertEquals(expected.card(), actual.card());
        assertEquals(expected.timeMillis(), actual.timeMillis());
        assertEquals(expected.label(), actual.label());
        assertEquals(expected.policyScore(), actual.policyScore(), expected.id());
        assertArrayEquals(expected.features(), actual.features(), expected.id());
    }
}
