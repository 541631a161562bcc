package io.ringfence.api;

import io.ringfence.event.EngineEvent;
import io.ringfence.event.EventType;
import io.ringfence.event.QueryKind;
import io.ringfence.event.Rejection;
import io.ringfence.ingress.CardFingerprinter;
import io.ringfence.ingress.Ingress;
import io.ringfence.ingress.StableHash;
import io.ringfence.metrics.EngineCounters;
import io.ringfence.pipeline.AuthorizationPipeline;
import io.ringfence.pipeline.PendingResponse;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The embedded engine. Thread-safe: any number of gateway threads may call it at once.
 *
 * <pre>{@code
 * try (Engine engine = Engine.start(EngineConfig.builder().fingerprintKey(secret).build())) {
 *     Decision d = engine.authorize(request);
 * }
 * }</pre>
 *
 * Every call has a deadline (the configured default, or one given per call). A caller is never blocked past it:
 * when the ring is full, the engine stopped, or the decision late, the caller gets the configured stand-in
 * decision at once, marked {@link Decision#standIn()} and counted. Bad input never throws: it gets a decline with
 * the ISO 8583 code for what was wrong.
 */
public final class Engine implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.ringfence.engine");
    /** Deadline for state queries (digest, dump), which wait behind every queued event. */
    private static final Duration QUERY_DEADLINE = Duration.ofSeconds(30);
    private static final long PUBLISH_RETRY_PARK_NANOS = 1_000;

    private final EngineConfig config;
    private final EngineCounters counters = new EngineCounters();
    private final Ingress ingress;
    private final AuthorizationPipeline pipeline;
    private final ScheduledExecutorService deadlines;
    private final ThreadLocal<EngineEvent> staging = ThreadLocal.withInitial(EngineEvent::new);
    private volatile boolean running;

    private Engine(final EngineConfig config) {
        this.config = config;
        this.ingress = new Ingress(new CardFingerprinter(config.fingerprintKey()), config.maxAmountMinor(),
            config.ingressEpochMillisClock());
        this.pipeline = new AuthorizationPipeline(config, counters);
        final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            final Thread thread = new Thread(runnable, "ringfence-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.deadlines = timer;
        this.running = true;
    }

    /** Builds the stores and the ring and starts the stage threads. */
    public static Engine start(final EngineConfig config) {
        final Engine engine = new Engine(config);
        LOG.log(System.Logger.Level.INFO, () -> "Ringfence engine started: " + config + ", scorer="
            + engine.pipeline.scorerVersion() + String.format(", %.0f bytes per card", engine.pipeline.bytesPerCard()));
        return engine;
    }

    /** Decides one authorization within the configured default deadline. */
    public Decision authorize(final AuthorizationRequest request) {
        return authorize(request, config.defaultDeadline());
    }

    /** Decides one authorization within {@code deadline}, or returns the stand-in decision. */
    public Decision authorize(final AuthorizationRequest request, final Duration deadline) {
        final long ingressNanos = System.nanoTime();
        final long deadlineNanos = ingressNanos + deadline.toNanos();
        final EngineEvent staged = stage(EventType.AUTHORIZE, ingressNanos);
        ingress.decodeAuthorization(request, staged);
        if (!running) {
            return standIn(staged, ReasonCode.STAND_IN_ENGINE_STOPPED, ingressNanos);
        }
        final PendingResponse pending = new PendingResponse(counters);
        if (!publish(staged, pending)) {
            return standIn(staged, ReasonCode.STAND_IN_RING_FULL, ingressNanos);
        }
        if (pending.await(deadlineNanos)) {
            return pending.toDecision();
        }
        return standIn(staged, ReasonCode.STAND_IN_DEADLINE, ingressNanos);
    }

    /** Decides one authorization without blocking the caller, within the configured default deadline. */
    public CompletableFuture<Decision> authorizeAsync(final AuthorizationRequest request) {
        return authorizeAsync(request, config.defaultDeadline());
    }

    /**
     * Decides one authorization without blocking the caller. The future completes with the decision, or with the
     * stand-in decision when {@code deadline} passes first. It completes on an engine thread: chain heavy work
     * with the {@code *Async} methods of {@link CompletableFuture}.
     */
    public CompletableFuture<Decision> authorizeAsync(final AuthorizationRequest request, final Duration deadline) {
        final long ingressNanos = System.nanoTime();
        final EngineEvent staged = stage(EventType.AUTHORIZE, ingressNanos);
        ingress.decodeAuthorization(request, staged);
        if (!running) {
            return CompletableFuture.completedFuture(standIn(staged, ReasonCode.STAND_IN_ENGINE_STOPPED, ingressNanos));
        }
        final CompletableFuture<Decision> future = new CompletableFuture<>();
        final PendingResponse pending = new PendingResponse(counters) {
            @Override
            protected void completed() {
                future.complete(toDecision());
            }
        };
        if (!publish(staged, pending)) {
            future.complete(standIn(staged, ReasonCode.STAND_IN_RING_FULL, ingressNanos));
            return future;
        }
        final Decision standInOnDeadline = standInTemplate(staged, ReasonCode.STAND_IN_DEADLINE);
        deadlines.schedule(() -> {
            if (pending.abandon()) {
                counters.standInDeadline.increment();
                future.complete(withLatency(standInOnDeadline, System.nanoTime() - ingressNanos));
            }
        }, deadline.toNanos(), TimeUnit.NANOSECONDS);
        return future;
    }

    /** Flags the reported card from the next event on; counts the report against the merchant and terminals. */
    public Ack reportFraud(final FraudReport report) {
        final EngineEvent staged = stage(EventType.REPORT_FRAUD, System.nanoTime());
        staged.eventTimeMillis = ingress.eventTime(report.reportTimeMillis());
        staged.reportKind = report.kind();
        staged.merchantKey = StableHash.of(report.merchantId());
        staged.terminalKey = StableHash.of(report.merchantId(), report.terminalId());
        return control(staged, ingress.decodeCard(report.card(), staged), config.defaultDeadline());
    }

    /** Lifts a card's flag: card-present use is approved again, subject to scoring. */
    public Ack clearFlag(final CardRef card) {
        final EngineEvent staged = stage(EventType.CLEAR_FLAG, System.nanoTime());
        staged.eventTimeMillis = ingress.eventTime(AuthorizationRequest.NO_TIME);
        return control(staged, ingress.decodeCard(card, staged), config.defaultDeadline());
    }

    /** Links a wallet or network token to its card: the token then shares the card's history and flag. */
    public Ack linkToken(final CardRef token, final CardRef card) {
        final EngineEvent cardEvent = staging.get();
        cardEvent.clear();
        final Rejection cardProblem = ingress.decodeCard(card, cardEvent);
        final long cardHigh = cardEvent.fingerprintHigh;
        final long cardLow = cardEvent.fingerprintLow;
        final EngineEvent staged = stage(EventType.LINK_TOKEN, System.nanoTime());
        staged.eventTimeMillis = ingress.eventTime(AuthorizationRequest.NO_TIME);
        staged.linkedFingerprintHigh = cardHigh;
        staged.linkedFingerprintLow = cardLow;
        final Rejection tokenProblem = ingress.decodeCard(token, staged);
        return control(staged, cardProblem != null ? cardProblem : tokenProblem, config.defaultDeadline());
    }

    /** Digest of the whole business-logic state after every event published so far. */
    public long stateDigest() {
        return (Long)query(QueryKind.STATE_DIGEST);
    }

    /**
     * A text dump of the card store (fingerprint, BIN, last four, windows, flag per card): for operators and tests.
     * Allocates on the business-logic thread; not for use under load.
     */
    public String stateDump() {
        return (String)query(QueryKind.STATE_DUMP);
    }

    /** Number of cards in the history store. */
    public int cardCount() {
        return (Integer)query(QueryKind.CARD_COUNT);
    }

    /** The fingerprint the engine gives a card number; lets tools and analysts name cards without PANs. */
    public Fingerprint fingerprint(final String cardNumber) {
        return ingress.fingerprintOf(cardNumber);
    }

    public EngineStats stats() {
        final Histogram latency = pipeline.decisionLatency();
        final Histogram flags = pipeline.flagToBlock();
        return new EngineStats(counters.snapshot(), LatencySummary.of(latency), LatencySummary.of(flags),
            pipeline.bytesPerCard(), pipeline.scorerVersion());
    }

    /** Cumulative decision latency histogram since start, for harnesses that write {@code .hgrm} files. */
    public Histogram decisionLatencyHistogram() {
        return pipeline.decisionLatency();
    }

    public EngineConfig config() {
        return config;
    }

    /** The pipeline, for a network front door that decodes straight into ring slots. */
    public AuthorizationPipeline pipeline() {
        return pipeline;
    }

    /** Stops taking requests, decides everything already in the ring, then stops the stage threads. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        pipeline.close();
        deadlines.shutdownNow();
        LOG.log(System.Logger.Level.INFO, () -> "Ringfence engine stopped: " + counters.snapshot());
    }

    private EngineEvent stage(final EventType type, final long ingressNanos) {
        final EngineEvent staged = staging.get();
        staged.clear();
        staged.type = type;
        staged.ingressNanos = ingressNanos;
        return staged;
    }

    private boolean publish(final EngineEvent staged, final PendingResponse pending) {
        staged.sink = pending;
        final boolean published = pipeline.tryPublish(staged);
        staged.sink = null;
        return published;
    }

    private Ack control(final EngineEvent staged, final Rejection problem, final Duration deadline) {
        final Fingerprint card = new Fingerprint(staged.fingerprintHigh, staged.fingerprintLow);
        if (problem != null) {
            counters.controlEventsRejected.increment();
            return new Ack(Ack.Status.REJECTED, Fingerprint.NONE, -1, problem.reason().description());
        }
        if (!running) {
            counters.controlEventsRejected.increment();
            return new Ack(Ack.Status.REJECTED, card, -1, "engine stopped");
        }
        final long deadlineNanos = staged.ingressNanos + deadline.toNanos();
        final PendingResponse pending = new PendingResponse(counters);
        staged.sink = pending;
        while (!pipeline.tryPublish(staged)) {
            if (System.nanoTime() - deadlineNanos >= 0) {
                staged.sink = null;
                counters.controlEventsRejected.increment();
                return new Ack(Ack.Status.REJECTED, card, -1, "ring full until the deadline");
            }
            LockSupport.parkNanos(PUBLISH_RETRY_PARK_NANOS);
        }
        staged.sink = null;
        if (!pending.await(deadlineNanos)) {
            return new Ack(Ack.Status.PENDING, card, -1, "sequenced; not confirmed before the deadline");
        }
        return new Ack(pending.applied() ? Ack.Status.APPLIED : Ack.Status.NO_CHANGE, pending.fingerprint(),
            pending.sequence(), null);
    }

    private Object query(final QueryKind kind) {
        final EngineEvent staged = stage(EventType.QUERY, System.nanoTime());
        staged.queryKind = kind;
        final long deadlineNanos = staged.ingressNanos + QUERY_DEADLINE.toNanos();
        final PendingResponse pending = new PendingResponse(counters);
        staged.sink = pending;
        while (running && !pipeline.tryPublish(staged)) {
            if (System.nanoTime() - deadlineNanos >= 0) {
                break;
            }
            LockSupport.parkNanos(PUBLISH_RETRY_PARK_NANOS);
        }
        staged.sink = null;
        if (!running || !pending.await(deadlineNanos)) {
            throw new IllegalStateException("engine did not answer the " + kind + " query within " + QUERY_DEADLINE);
        }
        return pending.queryResult();
    }

    private Decision standIn(final EngineEvent staged, final ReasonCode reason, final long ingressNanos) {
        switch (reason) {
            case STAND_IN_DEADLINE -> counters.standInDeadline.increment();
            case STAND_IN_RING_FULL -> counters.standInRingFull.increment();
            default -> counters.standInStopped.increment();
        }
        return withLatency(standInTemplate(staged, reason), System.nanoTime() - ingressNanos);
    }

    private Decision standInTemplate(final EngineEvent staged, final ReasonCode reason) {
        final StandInPolicy policy = config.standInPolicy();
        return new Decision(staged.requestId == null ? null : staged.requestId.toString(), policy.action(),
            policy.responseCode(), 0, List.of(reason), new Fingerprint(staged.fingerprintHigh, staged.fingerprintLow),
            0L, true, -1L, "stand-in/" + policy);
    }

    private static Decision withLatency(final Decision d, final long latencyNanos) {
        return new Decision(d.requestId(), d.action(), d.responseCode(), d.score(), d.reasons(), d.fingerprint(),
            latencyNanos, d.standIn(), d.sequence(), d.scorerVersion());
    }
}
