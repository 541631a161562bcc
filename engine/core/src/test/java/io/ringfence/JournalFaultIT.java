package io.ringfence;

import io.ringfence.api.Ack;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.CardRef;
import io.ringfence.api.Decision;
import io.ringfence.api.Durability;
import io.ringfence.api.FraudReport;
import io.ringfence.api.FraudReportKind;
import io.ringfence.api.JournalConfig;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.StandInPolicy;
import io.ringfence.event.EngineEvent;
import io.ringfence.journal.ChronicleEventJournal;
import io.ringfence.journal.EventJournal;
import io.ringfence.journal.JournalException;
import io.ringfence.journal.JournalReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.ringfence.TestRequests.SECOND;
import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardNotPresent;
import static io.ringfence.TestRequests.cardPresent;
import static io.ringfence.TestRequests.smallEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Journal faults: a journal that stops taking writes (disk full, injected through {@link Engine#start(EngineConfig,
 * Function)}) and a journal directory that cannot be created. The engine says so in one line, answers every new
 * request with its stand-in policy instead of deciding without journaling, rejects control events, keeps
 * answering, and loses nothing it acknowledged before the fault.
 */
@Timeout(60)
class JournalFaultIT {
    private static final List<String> CARDS = TestCards.pans("455602", 100);
    private static final String DISK_FULL = "No space left on device";

    @ParameterizedTest
    @EnumSource(StandInPolicy.class)
    void aFailedJournalWriteTurnsThatRequestAndEveryLaterOneIntoStandIns(final StandInPolicy policy,
        @TempDir final Path dir) throws Exception {
        final JournalConfig journal = JournalConfig.in(dir).withSnapshotInterval(Duration.ZERO);
        final int journaled = 50;
        final List<Decision> before = new ArrayList<>();
        try (Engine engine = Engine.start(smallEngine().standInPolicy(policy).journal(journal).build(),
            config -> new FailingJournal(ChronicleEventJournal.open(config), journaled))) {
            for (int i = 0; i < journaled - 1; i++) {
                before.add(engine.authorize(request(i).build()));
            }
            final Ack flag = engine.reportFraud(FraudReport.of(CardRef.pan(CARDS.get(1)), FraudReportKind.ISSUER_REPORT,
                T0 + 100 * SECOND));
            assertEquals(Ack.Status.APPLIED, flag.status(), "the 50th event is still journaled");
            for (final Decision d : before) {
                assertFalse(d.standIn(), "decided before the fault: " + d);
            }

            final Decision failing = engine.authorize(request(journaled).build());
            assertStandIn(policy, failing, "the request whose journal write failed");
            assertEquals(1, engine.stats().counter("journal.failures"));
            assertEquals(1, engine.stats().counter("standin.journal"));

            for (int i = journaled + 1; i < journaled + 21; i++) {
                assertStandIn(policy, engine.authorize(request(i).build()), "request " + i + " after the fault");
            }
            final Decision async = engine.authorizeAsync(request(journaled + 21).build()).get(5, TimeUnit.SECONDS);
            assertStandIn(policy, async, "an async request after the fault");
            assertEquals(22, engine.stats().counter("standin.journal"));
            assertEquals(1, engine.stats().counter("journal.failures"), "one failure: later events are not written");

            final Ack report = engine.reportFraud(FraudReport.of(CardRef.pan(CARDS.get(2)),
                FraudReportKind.ISSUER_REPORT, T0 + 200 * SECOND));
            assertRejectedForJournal(report, "fraud report");
            assertRejectedForJournal(engine.clearFlag(CardRef.pan(CARDS.get(1)), T0 + 201 * SECOND), "flag clear");
            assertRejectedForJournal(engine.linkToken(CardRef.reference("token-1"), CardRef.pan(CARDS.get(3)),
                T0 + 202 * SECOND), "token link");

            engine.stateDigest();
            assertTrue(engine.cardCount() > 0, "queries still answer");
            assertThrows(IllegalStateException.class, engine::snapshot, "no snapshot of state the journal lacks");
        }

        final Map<Long, String> inJournal = journalContents(journal);
        assertEquals(journaled, inJournal.size(), "the journal holds exactly the events before the fault");
        for (final Decision d : before) {
            assertEquals(d.requestId(), inJournal.get(d.sequence()), "released before the fault, so journaled: " + d);
        }
        try (Engine restarted = Engine.start(smallEngine().standInPolicy(policy).journal(journal).build())) {
            assertEquals(journaled, restarted.stats().counter("journal.recovered"));
            final Decision tap = restarted.authorize(cardPresent(CARDS.get(1), T0 + 300 * SECOND).build());
            assertEquals(ReasonCode.CARD_FLAGGED_ONLINE, tap.primaryReason(), "the flag acknowledged before the fault");
            assertFalse(tap.standIn(), "a restart on a healthy journal decides again");
        }
    }

    @Test
    void underConcurrentLoadEveryDecisionIsJournaledOrAStandInAndTheEngineKeepsAnswering(@TempDir final Path dir)
        throws Exception {
        final JournalConfig journal = JournalConfig.in(dir).withSnapshotInterval(Duration.ZERO);
        final int journaled = 700;
        final int threads = 4;
        final int perThread = 500;
        final List<Decision> decisions = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger next = new AtomicInteger();
        final long standInsCounted;
        try (Engine engine = Engine.start(smallEngine().journal(journal).build(),
            config -> new FailingJournal(ChronicleEventJournal.open(config), journaled))) {
            final ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                final List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            decisions.add(engine.authorize(request(next.getAndIncrement()).build()));
                        }
                    }));
                }
                for (final Future<?> f : done) {
                    f.get(30, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            standInsCounted = engine.stats().counter("standin.journal");
            assertEquals(1, engine.stats().counter("journal.failures"));
        }
        assertEquals(threads * perThread, decisions.size(), "every request got exactly one answer");
        final Map<Long, String> inJournal = journalContents(journal);
        assertEquals(journaled, inJournal.size());
        int standIns = 0;
        for (final Decision d : decisions) {
            if (d.standIn()) {
                standIns++;
                assertEquals(ReasonCode.STAND_IN_JOURNAL_UNAVAILABLE, d.primaryReason(), d.toString());
            } else {
                assertEquals(d.requestId(), inJournal.get(d.sequence()), "released, so journaled: " + d);
            }
        }
        assertEquals(threads * perThread - journaled, standIns, "every request past the fault is a stand-in");
        assertEquals(standIns, standInsCounted);
    }

    @Test
    void aJournalDirectoryThatCannotBeCreatedStartsTheEngineOnItsStandInPolicyAndSaysSoInOneLine(
        @TempDir final Path dir) throws Exception {
        final Path file = Files.writeString(dir.resolve("not-a-directory"), "a regular file");
        final Path journalDir = file.resolve("journal");
        final List<String> logLines = new ArrayList<>();
        final Handler capture = new Handler() {
            @Override
            public void publish(final LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    logLines.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        final Logger journalLogger = Logger.getLogger("io.ringfence.journal");
        journalLogger.addHandler(capture);
        try (Engine engine = Engine.start(smallEngine().journal(JournalConfig.in(journalDir)).build())) {
            final Decision d = engine.authorize(cardPresent(CARDS.get(0), T0).build());
            assertStandIn(StandInPolicy.FAIL_CLOSED, d, "no journal, no decision");
            assertEquals(ReasonCode.STAND_IN_JOURNAL_UNAVAILABLE, d.primaryReason());
            assertEquals(Ack.Status.REJECTED, engine.reportFraud(FraudReport.of(CardRef.pan(CARDS.get(0)),
                FraudReportKind.ISSUER_REPORT, T0)).status());
            assertThrows(IllegalStateException.class, engine::snapshot);
        } finally {
            journalLogger.removeHandler(capture);
        }
        assertEquals(1, logLines.size(), "said once: " + logLines);
        final String message = logLines.get(0);
        assertTrue(message.contains(journalDir.toString()), "names the directory: " + message);
        assertFalse(message.contains("\n") || message.contains("\r"), "one line: " + message);
    }

    private static void assertStandIn(final StandInPolicy policy, final Decision d, final String what) {
        assertTrue(d.standIn(), what + ": " + d);
        assertEquals(List.of(ReasonCode.STAND_IN_JOURNAL_UNAVAILABLE), d.reasons(), what);
        assertEquals(policy.action(), d.action(), what);
        assertEquals(policy.responseCode(), d.responseCode(), what);
        assertEquals(-1L, d.sequence(), what + " has no sequence: it never happened");
    }

    private static void assertRejectedForJournal(final Ack ack, final String what) {
        assertEquals(Ack.Status.REJECTED, ack.status(), what);
        assertNotNull(ack.detail(), what);
        assertTrue(ack.detail().startsWith("journal unavailable: "), what + ": " + ack.detail());
        assertTrue(ack.detail().contains(DISK_FULL), what + ": " + ack.detail());
        assertFalse(ack.detail().contains("\n"), what + " detail is one line");
    }

    /** Sequence to request id of every journaled event (fraud reports have no request id). */
    private static Map<Long, String> journalContents(final JournalConfig journal) {
        final Map<Long, String> contents = new HashMap<>();
        try (JournalReader reader = JournalReader.open(journal.inputDirectory())) {
            reader.replay(-1, (event, sequence) -> contents.put(sequence,
                event.requestId == null ? "" : event.requestId.toString()));
        }
        return contents;
    }

    private static AuthorizationRequest.Builder request(final int i) {
        final String pan = CARDS.get(i % CARDS.size());
        return (i % 2 == 0 ? cardNotPresent(pan, T0 + i * SECOND) : cardPresent(pan, T0 + i * SECOND))
            .requestId("req-" + i);
    }

    @Test
    void aBatchWhoseSyncFailsIsReleasedOnlyAsStandIns(@TempDir final Path dir) throws Exception {
        final JournalConfig journal = JournalConfig.in(dir).withDurability(Durability.POWER_LOSS)
            .withSnapshotInterval(Duration.ZERO);
        try (Engine engine = Engine.start(smallEngine().journal(journal).build(),
            config -> new FailingJournal(ChronicleEventJournal.open(config), Integer.MAX_VALUE, true))) {
            final List<CompletableFuture<Decision>> burst = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                burst.add(engine.authorizeAsync(request(i).build(), Duration.ofSeconds(10)));
            }
            for (final CompletableFuture<Decision> d : burst) {
                assertTrue(d.get(10, TimeUnit.SECONDS).standIn(), "no decision is released unsynced");
            }
            assertEquals(1, engine.stats().counter("journal.failures"));
        }
    }

    /**
     * A real journal that runs out of disk after {@code capacity} events (every later append fails), or whose every
     * sync fails.
     */
    private static final class FailingJournal implements EventJournal {
        private final EventJournal delegate;
        private final int capacity;
        private final boolean syncFails;
        private int appended;

        FailingJournal(final EventJournal delegate, final int capacity) {
            this(delegate, capacity, false);
        }

        FailingJournal(final EventJournal delegate, final int capacity, final boolean syncFails) {
            this.delegate = delegate;
            this.capacity = capacity;
            this.syncFails = syncFails;
        }

        @Override
        public void append(final EngineEvent event, final long sequence) {
            if (appended >= capacity) {
                throw new JournalException("input journal write failed: IOException: " + DISK_FULL);
            }
            delegate.append(event, sequence);
            appended++;
        }

        @Override
        public boolean sync() {
            if (syncFails) {
                throw new JournalException("input journal sync failed: IOException: " + DISK_FULL);
            }
            return false;
        }

        @Override
        public long lastSequence() {
            return delegate.lastSequence();
        }

        @Override
        public int deleteCyclesCoveredBy(final long snapshotSequence, final LongConsumer beforeDeleting) {
            return delegate.deleteCyclesCoveredBy(snapshotSequence, beforeDeleting);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
