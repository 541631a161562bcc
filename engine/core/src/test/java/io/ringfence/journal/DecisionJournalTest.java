package io.ringfence.journal;

import io.ringfence.api.Action;
import io.ringfence.api.FlagReason;
import io.ringfence.api.JournalConfig;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;
import io.ringfence.decision.RiskEngine;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decision journal: every audit field round trips; reopening continues; the wrong journal is refused. */
class DecisionJournalTest {
    @TempDir
    Path root;

    @Test
    void everyAuditFieldRoundTrips() {
        final SplittableRandom random = new SplittableRandom(7L);
        final List<EngineEvent> written = new ArrayList<>();
        final List<Long> latencies = new ArrayList<>();
        final List<Boolean> standIns = new ArrayList<>();
        try (DecisionJournal journal = DecisionJournal.open(JournalConfig.in(root))) {
            assertEquals(-1L, journal.lastSequence());
            for (int i = 0; i < 500; i++) {
                final EngineEvent event = randomOutcome(random, i);
                final long latency = random.nextLong(1, 1_000_000_000L);
                final boolean standIn = random.nextInt(10) == 0;
                journal.append(event, latency, standIn);
                written.add(event);
                latencies.add(latency);
                standIns.add(standIn);
            }
            assertEquals(499L, journal.lastSequence());
        }
        final List<DecisionRecord> read = new ArrayList<>();
        DecisionJournal.read(root.resolve("decisions"), read::add);
        assertEquals(written.size(), read.size());
        for (int i = 0; i < read.size(); i++) {
            final EngineEvent e = written.get(i);
            final DecisionRecord r = read.get(i);
            final DecisionRecord expected = new DecisionRecord(e.sequence, e.eventTimeMillis, e.type,
                e.resolvedFingerprintHigh, e.resolvedFingerprintLow, e.action, e.responseCode, e.score, e.reason0,
                e.reason1, e.reason2, e.scorerVersion, e.flagRaised, e.applied, standIns.get(i), latencies.get(i),
                e.ruleName);
            assertEquals(expected, r, "record " + i);
        }
    }

    @Test
    void decisionsOfARealEngineRoundTripAndReopenContinues() {
        final List<EngineEvent> events = JournalFixtures.events(JournalFixtures.pans(), 200, 8L);
        final RiskEngine engine = JournalFixtures.riskEngine();
        final JournalConfig config = JournalConfig.in(root);
        final List<String> outcomes = new ArrayList<>();
        for (int half = 0; half < 2; half++) {
            try (DecisionJournal journal = DecisionJournal.open(config)) {
                assertEquals(half == 0 ? -1L : 99L, journal.lastSequence());
                for (int i = half * 100; i < half * 100 + 100; i++) {
                    engine.apply(events.get(i), i);
                    journal.append(events.get(i), 1_000L + i, false);
                    outcomes.add(events.get(i).action + " " + events.get(i).responseCode + " " + events.get(i).score
                        + " " + events.get(i).reason0);
                }
            }
        }
        final List<DecisionRecord> read = new ArrayList<>();
        DecisionJournal.read(config.decisionDirectory(), read::add);
        assertEquals(200, read.size());
        for (int i = 0; i < 200; i++) {
            final DecisionRecord r = read.get(i);
            assertEquals(i, r.sequence());
            assertEquals(outcomes.get(i), r.action() + " " + r.responseCode() + " " + r.score() + " " + r.reason0());
            assertEquals(1_000L + i, r.latencyNanos());
            assertEquals(events.get(i).type == EventType.AUTHORIZE ? engine.scorerVersion() : events.get(i).scorerVersion,
                r.scorerVersion());
        }
        try (DecisionJournal.Reader reader = DecisionJournal.reader(config.decisionDirectory())) {
            assertEquals(199L, reader.lastSequence());
        }
    }

    @Test
    void aControlEventWithoutActionRoundTripsWithNulls() {
        final EngineEvent event = new EngineEvent();
        event.clear();
        event.type = EventType.CLEAR_FLAG;
        event.sequence = 5L;
        event.applied = true;
        try (DecisionJournal journal = DecisionJournal.open(JournalConfig.in(root))) {
            journal.append(event, 10L, false);
        }
        final List<DecisionRecord> read = new ArrayList<>();
        DecisionJournal.read(root.resolve("decisions"), read::add);
        final DecisionRecord r = read.get(0);
        assertNull(r.action());
        assertNull(r.responseCode());
        assertNull(r.scorerVersion());
        assertEquals(List.of(), r.reasons());
        assertTrue(r.applied());
        assertEquals(FlagReason.NOT_FLAGGED, r.flagRaised());
    }

    @Test
    void theInputJournalIsNotReadAsDecisions() {
        final List<EngineEvent> events = JournalFixtures.events(JournalFixtures.pans(), 3, 9L);
        try (ChronicleEventJournal journal = ChronicleEventJournal.open(JournalConfig.in(root))) {
            journal.append(events.get(0), 0L);
        }
        final JournalException e = assertThrows(JournalException.class,
            () -> DecisionJournal.read(root.resolve("input"), r -> { }));
        assertTrue(e.getMessage().contains("input event where a decision record was expected"), e.getMessage());
        ChronicleEventJournalTest.assertOneLineNaming(e, root.resolve("input").toString());
    }

    private static EngineEvent randomOutcome(final SplittableRandom random, final long sequence) {
        final EngineEvent event = new EngineEvent();
        event.clear();
        event.type = EventType.values()[random.nextInt(EventType.values().length)];
        event.sequence = sequence;
        event.eventTimeMillis = random.nextLong();
        event.resolvedFingerprintHigh = random.nextLong();
        event.resolvedFingerprintLow = random.nextLong();
        event.action = random.nextInt(5) == 0 ? null : Action.values()[random.nextInt(Action.values().length)];
        event.responseCode = random.nextInt(5) == 0 ? null
            : ResponseCode.values()[random.nextInt(ResponseCode.values().length)];
        event.score = random.nextInt(1001);
        event.reason0 = reason(random);
        event.reason1 = reason(random);
        event.reason2 = reason(random);
        event.scorerVersion = random.nextInt(4) == 0 ? null : "builtin-policy/" + random.nextInt(9);
        event.flagRaised = FlagReason.values()[random.nextInt(FlagReason.values().length)];
        event.applied = random.nextBoolean();
        event.ruleName = random.nextInt(3) == 0 ? "rule-" + random.nextInt(99) : null;
        return event;
    }

    private static ReasonCode reason(final SplittableRandom random) {
        return random.nextInt(3) == 0 ? null : ReasonCode.values()[random.nextInt(ReasonCode.values().length)];
    }
}
