package io.ringfence.pipeline;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.EventProcessorFactory;
import com.lmax.disruptor.dsl.ProducerType;
import io.ringfence.api.Decision;
import io.ringfence.api.Durability;
import io.ringfence.api.EngineCounter;
import io.ringfence.api.JournalConfig;
import io.ringfence.api.ThreadingMode;
import io.ringfence.decision.RiskEngine;
import io.ringfence.event.EngineEvent;
import io.ringfence.journal.DecisionJournal;
import io.ringfence.journal.EventJournal;
import io.ringfence.journal.JournalException;
import io.ringfence.journal.JournalOwnership;
import io.ringfence.metrics.EngineCounters;
import io.ringfence.rules.RuleSet;
import io.ringfence.snapshot.SnapshotStore;
import org.HdrHistogram.Histogram;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The whole pipeline in one place: the ring of pre-allocated {@link EngineEvent}s and the stages that consume it.
 *
 * <pre>
 *  gateway threads ──► ring (multi-producer) ──► BusinessLogicHandler ──► ResponseHandler ──► callers
 *  (decode, validate,                            (RiskEngine: all state,   (release decisions,
 *   fingerprint, copy in)                          features, score, decide,  latency histograms)
 *                                                  update, flag)
 * </pre>
 *
 * With a journal configured, the {@link JournalHandler} runs beside the business logic
 * ({@code handleEventsWith(businessLogic, journal)}): both read the same slots in parallel, and the response stage
 * waits for both, so no decision is released before its input is journaled (and, under POWER_LOSS, synced with its
 * batch). The {@link DecisionJournalHandler} writes the audit record after the response stage, knowing whether the
 * caller took the decision or had already been given a stand-in.
 */
public final class AuthorizationPipeline implements AutoCloseable {
    private static final EventTranslatorOneArg<EngineEvent, EngineEvent> COPY_STAGED =
        (slot, sequence, staged) -> slot.copyRequestFrom(staged);
    private static final List<String> STAGE_THREADS = List.of("ringfence-business-logic", "ringfence-response");
    private static final List<String> SHARED_STAGE_THREADS = List.of("ringfence-engine");
    private static final List<String> JOURNALED_STAGE_THREADS = List.of("ringfence-business-logic", "ringfence-journal",
        "ringfence-decision-journal", "ringfence-response");
    private static final System.Logger LOG = System.getLogger("io.ringfence.journal");
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 10;
    private static final long DRAIN_POLL_NANOS = 100_000;

    private final EngineCounters counters;
    private final ThreadingMode threadingMode;
    private final JournalHealth journalHealth = new JournalHealth();
    private final RiskEngine riskEngine;
    private final Recovery recovery;
    /** The journal directory's lock, held while the engine runs; null without a journal. */
    private final JournalOwnership ownership;
    /** The audit journal, also written by callers for the answers they give themselves; null without a journal. */
    private final DecisionJournal decisions;
    private final ResponseHandler responseHandler;
    private final Supplier<RiskEngine> replicas;
    private final JournalConfig journalConfig;
    /** The journals opened at start; null without a journal or when it failed to open. */
    private final OpenedJournals opened;
    private SnapshotWriter snapshotWriter;
    private final Disruptor<EngineEvent> disruptor;
    private final RingBuffer<EngineEvent> ring;
    private Histogram decisionLatencyInterval;
    private Histogram flagToBlockInterval;
    private final Histogram decisionLatency = new Histogram(ResponseHandler.MAX_RECORDED_NANOS, 3);
    private final Histogram flagToBlock = new Histogram(ResponseHandler.MAX_RECORDED_NANOS, 3);
    private final List<Thread> stageThreads = new CopyOnWriteArrayList<>();

    /**
     * Builds the pipeline around the business logic; with a journal configured, first recovers the state from
     * snapshot and journal.
     *
     * @param replicas      builds a fresh business logic like {@code riskEngine}, for the snapshot writer's replica
     * @param journal       where to journal, or null for none
     * @param keyCheckValue names the fingerprint key in the journal's header; a journal of another key is refused
     * @param inputJournals opens the input journal: {@code ChronicleEventJournal::open}, or in tests a journal
     *                      that fails
     */
    public AuthorizationPipeline(final RiskEngine riskEngine, final Supplier<RiskEngine> replicas, final int ringSize,
        final PipelineThreads threads, final JournalConfig journal, final String keyCheckValue,
        final EngineCounters counters, final Function<JournalConfig, EventJournal> inputJournals) {
        this.threadingMode = threads.mode();
        this.counters = counters;
        this.riskEngine = riskEngine;
        this.replicas = replicas;
        this.journalConfig = journal;
        this.responseHandler = new ResponseHandler();
        final OpenedJournals opened = journal == null ? null : openJournals(journal, keyCheckValue, inputJournals);
        this.ownership = opened == null ? null : opened.ownership();
        this.opened = opened;
        final boolean shared = threadingMode == ThreadingMode.SHARED;
        final ProducerType producers = threads.singleProducer() ? ProducerType.SINGLE : ProducerType.MULTI;
        if (opened == null) {
            this.recovery = Recovery.FRESH;
            this.decisions = null;
            this.disruptor = new Disruptor<>(EngineEvent::new, ringSize,
                stageThreads(shared ? SHARED_STAGE_THREADS : STAGE_THREADS, threads.pinEngineThread()), producers,
                WaitStrategies.create(threads.waitStrategy()));
            final BusinessLogicHandler businessLogic = new BusinessLogicHandler(riskEngine, 0L);
            if (shared) {
                disruptor.handleEventsWith(new SharedStageHandler(null, businessLogic, responseHandler, null, false,
                    ringSize));
            } else {
                disruptor.handleEventsWith(businessLogic).then(responseHandler);
            }
        } else {
            this.recovery = opened.recovery();
            counters.get(EngineCounter.EVENTS_RECOVERED).setRelease(recovery.eventsReplayed());
            this.disruptor = new Disruptor<>(EngineEvent::new, ringSize,
                stageThreads(shared ? SHARED_STAGE_THREADS : JOURNALED_STAGE_THREADS, threads.pinEngineThread()),
                producers, WaitStrategies.create(threads.waitStrategy()));
            final int maxBatch = Math.min(journal.maxBatch(), ringSize);
            final JournalHandler journalHandler = new JournalHandler(opened.input(), recovery.nextSequence(),
                journalHealth, counters, maxBatch);
            final BusinessLogicHandler businessLogic = new BusinessLogicHandler(riskEngine, recovery.nextSequence());
            final DecisionJournalHandler decisionJournal = new DecisionJournalHandler(opened.decisions(), counters);
            if (shared) {
                disruptor.handleEventsWith(capped(new SharedStageHandler(journalHandler, businessLogic,
                    responseHandler, decisionJournal, journal.durability() == Durability.POWER_LOSS, maxBatch),
                    maxBatch));
            } else {
                disruptor.handleEventsWith(capped(businessLogic, maxBatch), capped(journalHandler, maxBatch))
                    .then(responseHandler)
                    .then(decisionJournal);
            }
            this.decisions = opened.decisions();
        }
        disruptor.setDefaultExceptionHandler(new StageExceptionHandler(counters));
        this.ring = disruptor.start();
    }

    /**
     * A stage whose batches hold at most {@code maxBatch} events: the journal's group commit then syncs, and releases
     * the batch's decisions, at least every {@code maxBatch} events however deep the ring's backlog.
     */
    private EventProcessorFactory<EngineEvent> capped(final EventHandler<EngineEvent> handler, final int maxBatch) {
        return (ringBuffer, barrierSequences) -> {
            final BatchEventProcessor<EngineEvent> processor = new BatchEventProcessorBuilder()
                .setMaxBatchSize(maxBatch)
                .build(ringBuffer, ringBuffer.newBarrier(barrierSequences), handler);
            processor.setExceptionHandler(new StageExceptionHandler(counters));
            return processor;
        };
    }

    /**
     * Asks for a snapshot of all state covering at least every event decided so far, written off the engine thread
     * by the {@link SnapshotWriter} (started by the first request). Recovery then replays only the journal after it;
     * journal files it covers are deleted by retention.
     *
     * @return completes with the snapshot file, or exceptionally with why none was written (no journal, the journal
     *     unavailable, a failed write)
     */
    public CompletableFuture<Path> snapshot() {
        if (opened == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(journalConfig == null
                ? "no journal configured: nothing to snapshot against"
                : "journal unavailable, no snapshot taken: " + journalHealth.failure()));
        }
        return snapshotWriter().snapshotLatest();
    }

    /** Starts the snapshot writer now, so its replica is caught up before the first periodic snapshot. */
    public void startSnapshotWriter() {
        if (opened != null) {
            snapshotWriter();
        }
    }

    private synchronized SnapshotWriter snapshotWriter() {
        if (snapshotWriter == null) {
            snapshotWriter = new SnapshotWriter(replicas.get(), opened.snapshots(), journalConfig, opened.input(),
                opened.ownership(), journalHealth);
        }
        return snapshotWriter;
    }

    /**
     * Copies a staged event into the next free slot and publishes it, unless the ring is full.
     *
     * @return false when the ring had no free slot: the event was not published
     */
    public boolean tryPublish(final EngineEvent staged) {
        return ring.tryPublishEvent(COPY_STAGED, staged);
    }

    public int ringSize() {
        return ring.getBufferSize();
    }

    public long remainingCapacity() {
        return ring.remainingCapacity();
    }

    public String scorerVersion() {
        return riskEngine.scorerVersion();
    }

    /** The analysts' rules in force, for callers that prepare list changes against them. */
    public RuleSet rules() {
        return riskEngine.rules();
    }

    /** Hits of the analysts' rules in force, by counter label. */
    public Map<String, Long> ruleHitCounters() {
        return riskEngine.ruleHitCounters();
    }

    public EngineCounters counters() {
        return counters;
    }

    /**
     * Audits an answer a caller gave without the business logic (a stand-in, a malformed request), so the decision
     * journal holds what every caller was told. A failed write is counted; the answer stands.
     */
    public void auditCallerAnswer(final Decision decision, final long eventTimeMillis) {
        if (decisions == null) {
            return;
        }
        try {
            decisions.appendCallerAnswer(decision, eventTimeMillis);
        } catch (final JournalException e) {
            counters.get(EngineCounter.DECISION_JOURNAL_FAILURES).increment();
        }
    }

    public ThreadingMode threadingMode() {
        return threadingMode;
    }

    /** Whether {@code thread} is one of this pipeline's stage threads. */
    public boolean isStageThread(final Thread thread) {
        return stageThreads.contains(thread);
    }

    /** Whether the input journal still takes writes; always healthy without a journal. */
    public JournalHealth journalHealth() {
        return journalHealth;
    }

    /** Bytes of off-heap card history per configured card, index included. */
    public double bytesPerCard() {
        return riskEngine.cards().bytesPerCard();
    }

    /** Cumulative decision latency since start; safe to call from any thread. */
    public synchronized Histogram decisionLatency() {
        decisionLatencyInterval = responseHandler.takeDecisionLatency(decisionLatencyInterval);
        decisionLatency.add(decisionLatencyInterval);
        return decisionLatency.copy();
    }

    /** Cumulative flag-to-block latency since start; safe to call from any thread. */
    public synchronized Histogram flagToBlock() {
        flagToBlockInterval = responseHandler.takeFlagToBlock(flagToBlockInterval);
        flagToBlock.add(flagToBlockInterval);
        return flagToBlock.copy();
    }

    /**
     * Processes every event already published (for at most 10 seconds), then stops the stage threads and waits
     * for them to finish, journals closed.
     *
     * <p>Waits on the ring's gating sequence rather than {@code Disruptor.shutdown}: that one skips stages whose
     * thread has not started running yet, so an engine closed just after start could halt with events unread.
     */
    @Override
    public void close() {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SHUTDOWN_TIMEOUT_SECONDS);
        while (ring.getMinimumGatingSequence() < ring.getCursor() && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(DRAIN_POLL_NANOS);
        }
        synchronized (this) {
            if (snapshotWriter != null) {
                snapshotWriter.close();
            }
        }
        disruptor.halt();
        try {
            for (final Thread stage : stageThreads) {
                stage.join(TimeUnit.SECONDS.toMillis(SHUTDOWN_TIMEOUT_SECONDS));
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (ownership != null) {
                ownership.close();
            }
        }
    }

    /**
     * Recovers the state and opens the journals; when that fails (directory unwritable or unreadable, disk full),
     * says so in one line and returns null: the engine then starts in degraded mode, answering every request with
     * its stand-in policy rather than deciding without a journal.
     */
    private OpenedJournals openJournals(final JournalConfig journal, final String keyCheckValue,
        final Function<JournalConfig, EventJournal> inputJournals) {
        final SnapshotStore snapshots = new SnapshotStore(journal.snapshotDirectory());
        JournalOwnership ownership = null;
        try {
            ownership = JournalOwnership.take(journal.directory(), keyCheckValue);
            final Recovery recovered = Recovery.run(riskEngine, snapshots, journal, ownership.deletedThrough());
            if (counters.get(EngineCounter.INTERNAL_ERRORS).get() > 0) {
                LOG.log(System.Logger.Level.WARNING, "Recovery met " + counters.get(EngineCounter.INTERNAL_ERRORS)
                    .get() + " journaled event(s) whose processing failed; each got the answer a failure gets (96,"
                    + " or not applied): " + String.join("; ", counters.errors().describe()));
            }
            final DecisionJournal decisions = DecisionJournal.open(journal);
            try {
                return new OpenedJournals(ownership, snapshots, recovered, decisions, inputJournals.apply(journal));
            } catch (final RuntimeException e) {
                decisions.close();
                throw e;
            }
        } catch (final JournalException | UncheckedIOException e) {
            if (ownership != null) {
                ownership.close();
            }
            riskEngine.clearState();
            journalHealth.fail(e.getMessage());
            LOG.log(System.Logger.Level.ERROR, "Journal unavailable at start, answering every request with the"
                + " stand-in policy: " + e.getMessage());
            return null;
        }
    }

    private record OpenedJournals(JournalOwnership ownership, SnapshotStore snapshots, Recovery recovery,
        DecisionJournal decisions, EventJournal input) {
    }

    /** What recovery did at start: snapshot loaded, events replayed, and how fast. */
    public String recoverySummary() {
        return String.format("snapshot through sequence %d, %d journal events replayed in %.1f ms (%.0f events/s)",
            recovery.snapshotSequence(), recovery.eventsReplayed(), recovery.replayNanos() / 1e6,
            recovery.eventsPerSecond());
    }

    /**
     * Names stage threads in the order the Disruptor starts them (the order stages were added), and keeps them; the
     * first runs the business logic and may be pinned.
     */
    private ThreadFactory stageThreads(final List<String> names, final boolean pinBusinessLogic) {
        final AtomicInteger next = new AtomicInteger();
        return runnable -> {
            final int index = next.getAndIncrement();
            final String name = index < names.size() ? names.get(index) : "ringfence-stage-" + index;
            final Thread thread = new Thread(index == 0 && pinBusinessLogic ? CpuPinning.pinned(runnable) : runnable,
                name);
            thread.setDaemon(true);
            stageThreads.add(thread);
            return thread;
        };
    }
}
