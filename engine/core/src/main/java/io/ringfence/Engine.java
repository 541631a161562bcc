package io.ringfence;

import io.ringfence.api.Ack;
import io.ringfence.api.Action;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.CardRef;
import io.ringfence.api.Channel;
import io.ringfence.api.Decision;
import io.ringfence.api.EngineCounter;
import io.ringfence.api.EngineStats;
import io.ringfence.api.Fingerprint;
import io.ringfence.api.FlagReason;
import io.ringfence.api.FraudReport;
import io.ringfence.api.JournalConfig;
import io.ringfence.api.LatencySummary;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;
import io.ringfence.api.StandInPolicy;
import io.ringfence.decision.DecisionPolicy;
import io.ringfence.decision.RiskEngine;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.EventType;
import io.ringfence.hashing.StableHash;
import io.ringfence.event.QueryKind;
import io.ringfence.event.Rejection;
import io.ringfence.history.FlagStore;
import io.ringfence.ingress.CardFingerprinter;
import io.ringfence.ingress.Ingress;
import io.ringfence.journal.ChronicleEventJournal;
import io.ringfence.journal.EventJournal;
import io.ringfence.metrics.EngineCounters;
import io.ringfence.pipeline.AuthorizationPipeline;
import io.ringfence.pipeline.PendingResponse;
import io.ringfence.pipeline.PipelineThreads;
import io.ringfence.rules.RuleList;
import io.ringfence.rules.RuleSet;
import io.ringfence.rules.RulesCompiler;
import io.ringfence.rules.RulesException;
import io.ringfence.scoring.ServingModels;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

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
    /** Deadline for state queries (digest, dump) and model switches, which wait behind every queued event. */
    private static final Duration QUERY_DEADLINE = Duration.ofSeconds(30);
    private static final long PUBLISH_RETRY_PARK_NANOS = 1_000;
    /** Async decisions outstanding at once, at least; more get the ring-full stand-in. */
    private static final int ASYNC_QUEUE_MIN = 64 * 1024;
    /** The scorer version a stand-in that refused a flagged card carries. */
    private static final String STAND_IN_FLAGGED_VERSION = "stand-in/flags";

    private final EngineConfig config;
    private final EngineCounters counters = new EngineCounters();
    private final Ingress ingress;
    private final RulesCompiler rulesCompiler;
    private final AuthorizationPipeline pipeline;
    /** Read by caller threads: a stand-in never approves a flagged card. */
    private final FlagStore flags;
    /** Started by the first {@link #authorizeAsync}: an engine used only synchronously runs no such thread. */
    private volatile AsyncCompletions completions;
    /** Runs the periodic snapshot request; never touches a request. */
    private final ScheduledExecutorService snapshotTimer;
    private final ThreadLocal<EngineEvent> staging = ThreadLocal.withInitial(EngineEvent::new);
    /** One reusable response slot per calling thread: a synchronous call allocates none. */
    private final ThreadLocal<PendingResponse> responseSlots;
    private volatile boolean running;

    private Engine(final EngineConfig config, final Function<JournalConfig, EventJournal> inputJournals) {
        this.config = config;
        this.responseSlots = ThreadLocal.withInitial(() -> new PendingResponse(counters, config.callerSpin().toNanos(),
            config.callerYield().toNanos()));
        this.ingress = new Ingress(new CardFingerprinter(config.fingerprintKey()), config.maxAmountMinor(),
            config.ingressEpochMillisClock(), config.maxClockSkew() == null ? Ingress.TRUST_GIVEN_TIMES
                : config.maxClockSkew().toMillis());
        this.rulesCompiler = new RulesCompiler(new CardFingerprinter(config.fingerprintKey()).identifierHash());
        final RiskEngine riskEngine = businessLogic(config, counters, rulesCompiler);
        this.flags = riskEngine.flags();
        this.pipeline = new AuthorizationPipeline(riskEngine,
            () -> businessLogic(config, new EngineCounters(), rulesCompiler), config.ringSize(),
            new PipelineThreads(config.threadingMode(), config.waitStrategy(), config.singleProducer(),
                config.pinEngineThread()), config.journal(), config.keyCheckValue(), counters, inputJournals);
        this.snapshotTimer = new ScheduledThreadPoolExecutor(1, runnable -> {
            final Thread thread = new Thread(runnable, "ringfence-snapshot-timer");
            thread.setDaemon(true);
            return thread;
        });
        this.running = true;
        final JournalConfig journal = config.journal();
        if (journal != null && !journal.snapshotInterval().isZero()) {
            pipeline.startSnapshotWriter();
            final long every = journal.snapshotInterval().toNanos();
            snapshotTimer.scheduleWithFixedDelay(this::periodicSnapshot, every, every, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * The business logic and its stores, as configured, compiling journaled rules files with {@code rules}; the
     * snapshot writer builds its replica the same way.
     */
    private static RiskEngine businessLogic(final EngineConfig config, final EngineCounters counters,
        final RulesCompiler rules) {
        final RiskEngine riskEngine = new RiskEngine(config.capacities(), config.scorerFactory().get(),
            new DecisionPolicy(config.thresholds()).withIdempotencyWindow(config.idempotencyWindow()), counters);
        riskEngine.rulesCompiler(rules);
        return riskEngine;
    }

    /** Builds the stores and the ring and starts the stage threads. */
    public static Engine start(final EngineConfig config) {
        return start(config, ChronicleEventJournal::open);
    }

    /**
     * Test seam: as {@link #start(EngineConfig)}, with the input journal opened by {@code inputJournals}, so tests
     * can inject journals that fail.
     */
    static Engine start(final EngineConfig config, final Function<JournalConfig, EventJournal> inputJournals) {
        if (config.usesDevelopmentKey()) {
            LOG.log(System.Logger.Level.WARNING, "Ringfence engine starting with the public development fingerprint"
                + " key: fingerprints protect nothing; never give it real card numbers");
        }
        final Engine engine = new Engine(config, inputJournals);
        LOG.log(System.Logger.Level.INFO, () -> "Ringfence engine started: " + config + ", scorer="
            + engine.pipeline.scorerVersion() + String.format(", %.0f bytes per card", engine.pipeline.bytesPerCard())
            + (config.journal() == null ? ", no journal" : ", recovered " + engine.pipeline.recoverySummary()));
        return engine;
    }

    /** Decides one authorization within the configured default deadline. */
    public Decision authorize(final AuthorizationRequest request) {
        return authorize(request, config.defaultDeadline());
    }

    /** Decides one authorization within {@code deadline}, or returns the stand-in decision. */
    public Decision authorize(final AuthorizationRequest request, final Duration deadline) {
        refuseOnEngineThread("authorize");
        final long ingressNanos = System.nanoTime();
        final long deadlineNanos = ingressNanos + deadline.toNanos();
        final EngineEvent staged = stage(EventType.AUTHORIZE, ingressNanos);
        final Decision immediate = decodeForRing(request, staged);
        if (immediate != null) {
            return immediate;
        }
        final PendingResponse pending = responseSlots.get();
        if (!publish(staged, pending)) {
            return standIn(staged, ReasonCode.STAND_IN_RING_FULL, ingressNanos);
        }
        if (pending.await(deadlineNanos)) {
            return pending.journalFailed() ? standIn(staged, ReasonCode.STAND_IN_JOURNAL_UNAVAILABLE, ingressNanos)
                : pending.toDecision();
        }
        return standIn(staged, ReasonCode.STAND_IN_DEADLINE, ingressNanos);
    }

    /** Decides one authorization without blocking the caller, within the configured default deadline. */
    public CompletableFuture<Decision> authorizeAsync(final AuthorizationRequest request) {
        return authorizeAsync(request, config.defaultDeadline());
    }

    /**
     * Decides one authorization without blocking the caller. The future completes with the decision, or with the
     * stand-in decision when {@code deadline} passes first, on the engine's completions thread, never on the thread
     * that decides: a slow callback delays other async answers, not decisions. Chain heavy work with the
     * {@code *Async} methods of {@link CompletableFuture}.
     */
    public CompletableFuture<Decision> authorizeAsync(final AuthorizationRequest request, final Duration deadline) {
        final long ingressNanos = System.nanoTime();
        final EngineEvent staged = stage(EventType.AUTHORIZE, ingressNanos);
        final Decision immediate = decodeForRing(request, staged);
        if (immediate != null) {
            return CompletableFuture.completedFuture(immediate);
        }
        final AsyncDecision pending = new AsyncDecision(completions(), staged, ingressNanos + deadline.toNanos());
        if (!pending.register()) {
            return CompletableFuture.completedFuture(standIn(staged, ReasonCode.STAND_IN_RING_FULL, ingressNanos));
        }
        if (!publish(staged, pending) && pending.abandon()) {
            pending.future.complete(standIn(staged, ReasonCode.STAND_IN_RING_FULL, ingressNanos));
        }
        return pending.future;
    }

    /**
     * A non-blocking client for one owner thread that submits many requests and polls for their answers (a front
     * door's I/O thread, a load agent): no thread waits, no callback runs on the engine thread, and nothing is
     * allocated per request but the decision handed back. Every request it submits has the configured default
     * deadline.
     *
     * @param maxInFlight how many of its requests may be outstanding at once
     */
    public EngineClient newClient(final int maxInFlight) {
        return new EngineClient(this, maxInFlight, config.defaultDeadline().toNanos());
    }

    /**
     * Decodes a request into {@code staged} for the ring; returns the answer when it needs no decision from the
     * engine (malformed, or the engine cannot decide now), or null when it is ready to publish.
     */
    Decision decodeForRing(final AuthorizationRequest request, final EngineEvent staged) {
        ingress.decodeAuthorization(request, staged);
        if (staged.rejection != null) {
            return refused(staged, staged.ingressNanos);
        }
        final ReasonCode unavailable = unavailability();
        return unavailable == null ? null : standIn(staged, unavailable, staged.ingressNanos);
    }

    /** Publishes a decoded request, its sink set; false when the ring was full. */
    boolean publishStaged(final EngineEvent staged) {
        return pipeline.tryPublish(staged);
    }

    /** The stand-in for a decoded request, counted by reason. */
    Decision standInFor(final EngineEvent staged, final ReasonCode reason) {
        return standIn(staged, reason, staged.ingressNanos);
    }

    EngineCounters counters() {
        return counters;
    }

    private AsyncCompletions completions() {
        AsyncCompletions started = completions;
        if (started == null) {
            synchronized (this) {
                started = completions;
                if (started == null) {
                    started = new AsyncCompletions(Math.max(ASYNC_QUEUE_MIN, 4 * config.ringSize()), counters);
                    completions = started;
                }
            }
        }
        return started;
    }

    /** Flags the reported card from the next event on; counts the report against the merchant and terminals. */
    public Ack reportFraud(final FraudReport report) {
        refuseOnEngineThread("reportFraud");
        final EngineEvent staged = stage(EventType.REPORT_FRAUD, System.nanoTime());
        return control(staged, ingress.decodeFraudReport(report, staged), config.defaultDeadline());
    }

    /** Lifts a card's flag now (ingress clock): card-present use is approved again, subject to scoring. */
    public Ack clearFlag(final CardRef card) {
        return clearFlag(card, AuthorizationRequest.NO_TIME);
    }

    /** Lifts a card's flag as of {@code timeMillis} (epoch milliseconds; replays give the original time). */
    public Ack clearFlag(final CardRef card, final long timeMillis) {
        refuseOnEngineThread("clearFlag");
        final EngineEvent staged = stage(EventType.CLEAR_FLAG, System.nanoTime());
        return control(staged, ingress.decodeClearFlag(card, timeMillis, staged), config.defaultDeadline());
    }

    /** Links a wallet or network token to its card now (ingress clock). */
    public Ack linkToken(final CardRef token, final CardRef card) {
        return linkToken(token, card, AuthorizationRequest.NO_TIME);
    }

    /**
     * Links a wallet or network token to its card as of {@code timeMillis}: the token then shares the card's
     * history and flag.
     */
    public Ack linkToken(final CardRef token, final CardRef card, final long timeMillis) {
        refuseOnEngineThread("linkToken");
        final EngineEvent staged = stage(EventType.LINK_TOKEN, System.nanoTime());
        return control(staged, ingress.decodeLinkToken(token, card, timeMillis, staged), config.defaultDeadline());
    }

    /**
     * Takes back an authorization the acquirer reversed (ISO 8583 0400/0420): the one decided for {@code merchantId}
     * under {@code requestId} within the idempotency window leaves the velocity windows (counts and amounts) of its
     * card, merchant and terminal. Goes through the ring and the journal like every change of state.
     *
     * @return APPLIED with the reversed card's fingerprint; NO_CHANGE when no such authorization is remembered (never
     *     seen, refused as malformed, older than the idempotency window) or it was reversed already; REJECTED when
     *     the merchant or request id is missing
     */
    public Ack reverse(final String merchantId, final String requestId) {
        return reverse(merchantId, requestId, AuthorizationRequest.NO_TIME);
    }

    /**
     * Takes back an authorization as of {@code timeMillis} (epoch milliseconds: the reversal's transmission time;
     * replays give the original time); as {@link #reverse(String, String)}.
     */
    public Ack reverse(final String merchantId, final String requestId, final long timeMillis) {
        refuseOnEngineThread("reverse");
        final long ingressNanos = System.nanoTime();
        if (merchantId == null || merchantId.isBlank() || requestId == null || requestId.isBlank()) {
            counters.get(EngineCounter.CONTROL_EVENTS_REJECTED).increment();
            return new Ack(Ack.Status.REJECTED, Fingerprint.NONE, -1, System.nanoTime() - ingressNanos,
                "a reversal names the merchant and the request id of the authorization it reverses");
        }
        final EngineEvent staged = stage(EventType.REVERSE, ingressNanos);
        staged.eventTimeMillis = ingress.eventTime(timeMillis);
        staged.merchantKey = StableHash.of(merchantId);
        staged.requestId = requestId;
        return control(staged, null, config.defaultDeadline());
    }

    /**
     * Switches scoring to the model in {@code model} (a serving file, or a model directory holding
     * {@value ServingModels#FILE_NAME}). The file is read and checked here, on the caller's thread; then a LOAD_MODEL
     * event goes through the ring and the business logic switches at its sequence: every authorization sequenced
     * before it was scored by the old model, every one after by the new one, and each decision names its model.
     * The switch is journaled with the model's version, path and SHA-256, so replay switches at the same place
     * (replay needs the same file at the same path).
     *
     * @return APPLIED with the switch's sequence; REJECTED, the old model staying, when the file cannot be read, is
     *     not a serving model, or was trained on another feature schema (the detail says which, in one line)
     */
    public Ack loadModel(final Path model) {
        refuseOnEngineThread("loadModel");
        final long ingressNanos = System.nanoTime();
        final ServingModels.Loaded loaded;
        try {
            loaded = ServingModels.read(model);
        } catch (final IOException | IllegalArgumentException e) {
            counters.get(EngineCounter.CONTROL_EVENTS_REJECTED).increment();
            final String detail = e instanceof IOException ? "model " + model + " cannot be read: " + e
                : e.getMessage();
            LOG.log(System.Logger.Level.WARNING, "Model refused, scorer stays " + pipeline.scorerVersion() + ": "
                + detail);
            return new Ack(Ack.Status.REJECTED, Fingerprint.NONE, -1, System.nanoTime() - ingressNanos, detail);
        }
        final EngineEvent staged = stage(EventType.LOAD_MODEL, ingressNanos);
        staged.eventTimeMillis = ingress.eventTime(AuthorizationRequest.NO_TIME);
        staged.scorer = loaded.scorer();
        staged.modelVersion = loaded.scorer().version();
        staged.modelPath = loaded.file().toString();
        System.arraycopy(loaded.sha256(), 0, staged.modelSha256, 0, staged.modelSha256.length);
        final Ack ack;
        try {
            ack = control(staged, null, QUERY_DEADLINE);
        } finally {
            staged.scorer = null;
        }
        if (ack.status() == Ack.Status.NO_CHANGE) {
            return new Ack(Ack.Status.REJECTED, Fingerprint.NONE, ack.sequence(), ack.latencyNanos(),
                "the business logic refused model " + loaded.scorer().version());
        }
        if (ack.isApplied()) {
            LOG.log(System.Logger.Level.INFO, () -> "Model " + loaded.scorer().version() + " (" + loaded.file()
                + ", sha256 " + loaded.sha256Hex() + ") active from sequence " + ack.sequence());
        }
        return ack;
    }

    /**
     * Puts the rules file {@code file} in force (lists it names from files are read relative to it). The file is
     * compiled here, on the caller's thread; then a LOAD_RULES event goes through the ring and the business logic
     * switches at its sequence. The switch is journaled with the file's path and SHA-256, so replay recompiles the same
     * file at the same place (keep the file, and its list files, where they were). Live list changes made to the
     * previous rules do not carry over: the new file's lists start from its own items.
     *
     * @return APPLIED with the switch's sequence; REJECTED, the rules in force staying, when the file does not compile
     *     (the detail is one line, {@code FILE:LINE:COL: message})
     */
    public Ack loadRules(final Path file) {
        refuseOnEngineThread("loadRules");
        final long ingressNanos = System.nanoTime();
        final RuleSet compiled;
        try {
            compiled = rulesCompiler.compile(file);
        } catch (final RulesException e) {
            counters.get(EngineCounter.CONTROL_EVENTS_REJECTED).increment();
            LOG.log(System.Logger.Level.WARNING, "Rules refused, the rules in force stay: " + e.getMessage());
            return new Ack(Ack.Status.REJECTED, Fingerprint.NONE, -1, System.nanoTime() - ingressNanos, e.getMessage());
        }
        final EngineEvent staged = stage(EventType.LOAD_RULES, ingressNanos);
        staged.eventTimeMillis = ingress.eventTime(AuthorizationRequest.NO_TIME);
        staged.compiledRules = compiled;
        staged.rulesPath = compiled.path();
        System.arraycopy(compiled.sha256(), 0, staged.rulesSha256, 0, staged.rulesSha256.length);
        final Ack ack;
        try {
            ack = control(staged, null, QUERY_DEADLINE);
        } finally {
            staged.compiledRules = null;
        }
        if (ack.isApplied()) {
            LOG.log(System.Logger.Level.INFO, () -> "Rules " + compiled.path() + " (" + compiled.rules().size()
                + " rules, " + compiled.lists().size() + " lists) in force from sequence " + ack.sequence());
        }
        return ack;
    }

    /**
     * Adds {@code value} to the list {@code @name} of the rules in force, through the ring and the journal, as the key
     * the list's attributes compare by (an e-mail, IP or device id under the engine's keyed hash: the journal never
     * holds the text).
     *
     * @return APPLIED; NO_CHANGE when the item was there already; REJECTED when the rules in force have no such list,
     *     no rule tests it, or {@code value} is not of the kind the list holds
     */
    public Ack listAdd(final String name, final String value) {
        return changeList(EventType.LIST_ADD, name, value);
    }

    /** Removes {@code value} from the list {@code @name} of the rules in force; as {@link #listAdd}. */
    public Ack listRemove(final String name, final String value) {
        return changeList(EventType.LIST_REMOVE, name, value);
    }

    private Ack changeList(final EventType type, final String name, final String value) {
        refuseOnEngineThread(type == EventType.LIST_ADD ? "listAdd" : "listRemove");
        final long ingressNanos = System.nanoTime();
        final RuleList list = pipeline.rules().list(name);
        String problem = null;
        long key = 0L;
        if (list == null) {
            problem = "the rules in force have no list @" + name;
        } else if (list.kind() == null) {
            problem = "no rule in force tests list @" + list.name();
        } else {
            try {
                key = list.kind().encode(value, rulesCompiler.identifiers());
            } catch (final IllegalArgumentException e) {
                problem = "list @" + list.name() + ": " + e.getMessage();
            }
        }
        if (problem != null) {
            counters.get(EngineCounter.CONTROL_EVENTS_REJECTED).increment();
            return new Ack(Ack.Status.REJECTED, Fingerprint.NONE, -1, System.nanoTime() - ingressNanos, problem);
        }
        final EngineEvent staged = stage(type, ingressNanos);
        staged.eventTimeMillis = ingress.eventTime(AuthorizationRequest.NO_TIME);
        staged.listName = list.name();
        staged.listKey = key;
        return control(staged, null, config.defaultDeadline());
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

    /**
     * Writes a snapshot of all state covering every event decided before this call, keeps the newest three, and
     * deletes the journal files it covers (as retention allows). Written from a replica on the snapshot writer's
     * thread: the engine goes on deciding while it is written, and this call waits for it.
     *
     * @return the snapshot file
     * @throws IllegalStateException when there is no journal, the journal is unavailable, or the write failed
     */
    public Path snapshot() {
        refuseOnEngineThread("snapshot");
        try {
            return pipeline.snapshot().get(QUERY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (final TimeoutException e) {
            throw new IllegalStateException("no snapshot written within " + QUERY_DEADLINE, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a snapshot was written", e);
        }
    }

    /** Number of cards in the history store. */
    public int cardCount() {
        return (Integer)query(QueryKind.CARD_COUNT);
    }

    public EngineStats stats() {
        final Histogram latency = pipeline.decisionLatency();
        final Histogram flags = pipeline.flagToBlock();
        final Map<String, Long> all = new LinkedHashMap<>(counters.snapshot());
        all.putAll(pipeline.ruleHitCounters());
        return new EngineStats(all, LatencySummary.of(latency), LatencySummary.of(flags),
            pipeline.bytesPerCard(), pipeline.scorerVersion());
    }

    /** Cumulative decision latency histogram since start, for harnesses that write {@code .hgrm} files. */
    public Histogram decisionLatencyHistogram() {
        return pipeline.decisionLatency();
    }

    public EngineConfig config() {
        return config;
    }

    /** Free ring slots now; for tests that fill the ring. */
    long remainingRingCapacity() {
        return pipeline.remainingCapacity();
    }

    /**
     * Every distinct error the engine's threads met since start, each once with how often and when: events whose
     * processing failed (answered 96) and anything that escaped a stage.
     */
    public List<String> errors() {
        return counters.errors().describe();
    }

    /**
     * Stops taking requests, decides everything already in the ring, then stops the stage threads. Async calls
     * still waiting (the business logic stuck past the shutdown timeout) get their stand-in then.
     */
    @Override
    public void close() {
        refuseOnEngineThread("close");
        if (!running) {
            return;
        }
        running = false;
        snapshotTimer.shutdown();
        pipeline.close();
        synchronized (this) {
            if (completions != null) {
                completions.close();
            }
        }
        LOG.log(System.Logger.Level.INFO, () -> "Ringfence engine stopped: " + counters.snapshot());
    }

    private void periodicSnapshot() {
        try {
            snapshot();
        } catch (final IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "Periodic snapshot not taken: " + e.getMessage());
        }
    }

    /**
     * A blocking call made on one of the engine's own threads (a callback chained on {@link #authorizeAsync} runs on
     * one) would wait for the very thread it blocks: refused at once instead of deadlocking the engine.
     */
    private void refuseOnEngineThread(final String call) {
        final Thread current = Thread.currentThread();
        if (pipeline.isStageThread(current)) {
            throw new IllegalStateException(call + " was called on the engine's own thread " + current.getName()
                + " (a callback of authorizeAsync?): it would wait for the thread it blocks; call it from another"
                + " thread, or chain the callback with an *Async method and an executor");
        }
    }

    /** Why the engine cannot decide new requests now, or null when it can. */
    private ReasonCode unavailability() {
        if (!running) {
            return ReasonCode.STAND_IN_ENGINE_STOPPED;
        }
        return pipeline.journalHealth().isHealthy() ? null : ReasonCode.STAND_IN_JOURNAL_UNAVAILABLE;
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
        staged.sinkGeneration = pending.begin();
        final boolean published = pipeline.tryPublish(staged);
        staged.sink = null;
        return published;
    }

    private Ack control(final EngineEvent staged, final Rejection problem, final Duration deadline) {
        final Fingerprint card = new Fingerprint(staged.fingerprintHigh, staged.fingerprintLow);
        if (problem != null) {
            counters.get(EngineCounter.CONTROL_EVENTS_REJECTED).increment();
            return new Ack(Ack.Status.REJECTED, Fingerprint.NONE, -1, sinceIngress(staged),
                problem.reason().description());
        }
        if (unavailability() != null) {
            counters.get(EngineCounter.CONTROL_EVENTS_REJECTED).increment();
            return new Ack(Ack.Status.REJECTED, card, -1, sinceIngress(staged), running ? "journal unavailable: "
                + pipeline.journalHealth().failure() : "engine stopped");
        }
        final long deadlineNanos = staged.ingressNanos + deadline.toNanos();
        final PendingResponse pending = responseSlots.get();
        staged.sink = pending;
        staged.sinkGeneration = pending.begin();
        while (!pipeline.tryPublish(staged)) {
            if (System.nanoTime() - deadlineNanos >= 0) {
                staged.sink = null;
                counters.get(EngineCounter.CONTROL_EVENTS_REJECTED).increment();
                return new Ack(Ack.Status.REJECTED, card, -1, sinceIngress(staged), "ring full until the deadline");
            }
            LockSupport.parkNanos(PUBLISH_RETRY_PARK_NANOS);
        }
        staged.sink = null;
        if (!pending.await(deadlineNanos)) {
            return new Ack(Ack.Status.PENDING, card, -1, sinceIngress(staged),
                "in the ring; not confirmed before the deadline");
        }
        if (pending.journalFailed()) {
            counters.get(EngineCounter.CONTROL_EVENTS_REJECTED).increment();
            return new Ack(Ack.Status.REJECTED, card, -1, sinceIngress(staged),
                "journal unavailable: " + pipeline.journalHealth().failure());
        }
        return new Ack(pending.applied() ? Ack.Status.APPLIED : Ack.Status.NO_CHANGE, pending.fingerprint(),
            pending.sequence(), pending.latencyNanos(), null);
    }

    private static long sinceIngress(final EngineEvent staged) {
        return System.nanoTime() - staged.ingressNanos;
    }

    private Object query(final QueryKind kind) {
        refuseOnEngineThread("the " + kind + " query");
        final EngineEvent staged = stage(EventType.QUERY, System.nanoTime());
        staged.queryKind = kind;
        final long deadlineNanos = staged.ingressNanos + QUERY_DEADLINE.toNanos();
        final PendingResponse pending = responseSlots.get();
        staged.sink = pending;
        staged.sinkGeneration = pending.begin();
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
            case STAND_IN_DEADLINE -> counters.get(EngineCounter.STAND_IN_DEADLINE).increment();
            case STAND_IN_RING_FULL -> counters.get(EngineCounter.STAND_IN_RING_FULL).increment();
            case STAND_IN_JOURNAL_UNAVAILABLE -> counters.get(EngineCounter.STAND_IN_JOURNAL).increment();
            default -> counters.get(EngineCounter.STAND_IN_STOPPED).increment();
        }
        return standInDecision(staged.requestId, staged.fingerprintHigh, staged.fingerprintLow, staged.channel,
            staged.eventTimeMillis, reason,
            System.nanoTime() - ingressNanos);
    }

    /**
     * The stand-in policy's decision, unless the card is flagged: the flags are read here, on the caller's thread,
     * so a stand-in (fail-open included) never approves a card the engine would refuse. Audited as given.
     */
    Decision standInDecision(final Object requestId, final long fingerprintHigh, final long fingerprintLow,
        final Channel channel, final long eventTimeMillis, final ReasonCode reason, final long latencyNanos) {
        final String id = requestId == null ? null : requestId.toString();
        final Fingerprint card = new Fingerprint(fingerprintHigh, fingerprintLow);
        final Decision decision;
        if (flags.reasonOf(fingerprintHigh, fingerprintLow) != FlagReason.NOT_FLAGGED) {
            counters.get(EngineCounter.STAND_IN_FLAGGED).increment();
            decision = new Decision(id, Action.DECLINE, ResponseCode.SUSPECTED_FRAUD, 1000, List.of(
                channel == Channel.CNP ? ReasonCode.CARD_FLAGGED : ReasonCode.CARD_FLAGGED_ONLINE, reason), card,
                latencyNanos, true, -1L, STAND_IN_FLAGGED_VERSION, FlagReason.NOT_FLAGGED);
        } else {
            final StandInPolicy policy = config.standInPolicy();
            decision = new Decision(id, policy.action(), policy.responseCode(), 0, List.of(reason), card,
                latencyNanos, true, -1L, "stand-in/" + policy, FlagReason.NOT_FLAGGED);
        }
        pipeline.auditCallerAnswer(decision, eventTimeMillis);
        return decision;
    }

    /**
     * A malformed request, answered on the caller's thread without taking a ring slot: a flood of them costs the
     * business logic and the input journal nothing. Counted by reason, and audited in the decision journal.
     */
    private Decision refused(final EngineEvent staged, final long ingressNanos) {
        final Rejection rejection = staged.rejection;
        counters.rejections(rejection).increment();
        counters.decisions(Action.DECLINE).increment();
        counters.decisions(rejection.responseCode()).increment();
        final Decision decision = new Decision(staged.requestId == null ? null : staged.requestId.toString(),
            Action.DECLINE, rejection.responseCode(), 0, List.of(rejection.reason()),
            new Fingerprint(staged.fingerprintHigh, staged.fingerprintLow), System.nanoTime() - ingressNanos, false,
            -1L, pipeline.scorerVersion(), FlagReason.NOT_FLAGGED);
        pipeline.auditCallerAnswer(decision, staged.eventTimeMillis);
        return decision;
    }

    /** An async caller's pending decision. */
    private final class AsyncDecision extends AsyncCompletions.Pending {
        private final StandInSubject subject = new StandInSubject();

        AsyncDecision(final AsyncCompletions completions, final EngineEvent staged, final long deadlineNanos) {
            super(completions, counters, deadlineNanos);
            subject.capture(staged);
        }

        @Override
        Decision decided() {
            if (!journalFailed()) {
                return toDecision();
            }
            counters.get(EngineCounter.STAND_IN_JOURNAL).increment();
            return subject.standIn(Engine.this, ReasonCode.STAND_IN_JOURNAL_UNAVAILABLE);
        }

        @Override
        Decision timedOut() {
            final boolean stopped = !running;
            counters.get(stopped ? EngineCounter.STAND_IN_STOPPED : EngineCounter.STAND_IN_DEADLINE).increment();
            return subject.standIn(Engine.this,
                stopped ? ReasonCode.STAND_IN_ENGINE_STOPPED : ReasonCode.STAND_IN_DEADLINE);
        }
    }
}
