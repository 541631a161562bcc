package io.ringfence.benchmarks;

import io.ringfence.EngineConfig;
import io.ringfence.api.Channel;
import io.ringfence.api.Fingerprint;
import io.ringfence.api.StoreCapacities;
import io.ringfence.decision.DecisionPolicy;
import io.ringfence.decision.RiskEngine;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.EventType;
import io.ringfence.hashing.StableHash;
import io.ringfence.ingress.CardFingerprinter;
import io.ringfence.ingress.Ingress;
import io.ringfence.metrics.EngineCounters;
import io.ringfence.scoring.BuiltInPolicyScorer;
import io.ringfence.scoring.DecisionThresholds;
import io.ringfence.scoring.Scorer;
import io.ringfence.scoring.ServingModels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Measures {@link RiskEngine#apply} for one AUTHORIZE event (features, score, decide, update) on the calling
 * thread, without the ring: the cost the business-logic stage pays per authorization.
 *
 * <p>A pool of {@value SyntheticTraffic#TEMPLATES} events is decoded once through the engine's {@link Ingress}
 * from {@link io.ringfence.api.AuthorizationRequest}s (mixed CP/CNP, see {@link SyntheticTraffic}). Each operation
 * takes the next pooled event and writes into it what ingress would have written for the next card: the card's
 * fingerprint (computed by the same ingress at setup), BIN, last four and home device, plus an event time
 * {@value SyntheticTraffic#STEP_MILLIS} ms after the previous one. Cards are visited in a scattered stride over
 * {@link #cards} cards, every one created in setup, so lookups hit and the working set is the whole card store,
 * not a cache-resident few thousand records. Stores are sized with the engine's default capacities. The
 * {@link #scorer} is the built-in policy or a trained model's compiled form.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {ForkFlags.NO_BOUNDS_CHECKS, ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX})
public class BusinessLogicStepBenchmark {
    private static final String BUILTIN = "builtin";

    /** Distinct cards, all pre-warmed; authorizations cycle over them. */
    @Param({"100000"})
    public int cards;

    /**
     * The scorer: {@code builtin} for the built-in policy, or a model directory whose {@code serving.model} the
     * engine loads, by default the project's default model (run from the project directory).
     */
    @Param({"builtin", "models/default"})
    public String scorer;

    private final SyntheticTraffic traffic = new SyntheticTraffic();
    private final EngineEvent[] pool = new EngineEvent[SyntheticTraffic.TEMPLATES];
    private final boolean[] keepsTemplateDevice = new boolean[SyntheticTraffic.TEMPLATES];
    private long[] fingerprintHigh;
    private long[] fingerprintLow;
    private int[] bin;
    private short[] lastFour;
    private long[] homeDeviceKey;
    private EngineCounters counters;
    private RiskEngine riskEngine;
    private int stride;
    private int cardCursor;
    private long op;

    /** Builds the event pool and the engine, then authorizes every card once so all later lookups hit. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        final Ingress ingress = new Ingress(new CardFingerprinter(SyntheticTraffic.developmentKey()),
            EngineConfig.MAX_AMOUNT_MINOR_DEFAULT, () -> SyntheticTraffic.START_MILLIS);
        for (int t = 0; t < pool.length; t++) {
            final EngineEvent event = new EngineEvent();
            event.clear();
            event.type = EventType.AUTHORIZE;
            ingress.decodeAuthorization(traffic.request(t, t), event);
            if (event.rejection != null) {
                throw new IllegalStateException("template " + t + " rejected: " + event.rejection);
            }
            pool[t] = event;
            keepsTemplateDevice[t] = event.channel != Channel.CNP || traffic.usesNewDevice(t);
        }

        fingerprintHigh = new long[cards];
        fingerprintLow = new long[cards];
        bin = new int[cards];
        lastFour = new short[cards];
        homeDeviceKey = new long[cards];
        for (int c = 0; c < cards; c++) {
            final String pan = SyntheticTraffic.pan(c);
            final Fingerprint fingerprint = ingress.fingerprintOf(pan);
            fingerprintHigh[c] = fingerprint.high();
            fingerprintLow[c] = fingerprint.low();
            bin[c] = Integer.parseInt(pan, 0, 6, 10);
            lastFour[c] = (short)Integer.parseInt(pan, pan.length() - 4, pan.length(), 10);
            homeDeviceKey[c] = StableHash.of(SyntheticTraffic.homeDevice(c));
        }

        counters = new EngineCounters();
        riskEngine = new RiskEngine(StoreCapacities.DEFAULT, scorer(),
            new DecisionPolicy(DecisionThresholds.DEFAULT), counters);
        stride = SyntheticTraffic.strideFor(cards);
        for (int c = 0; c < cards; c++) {
            final EngineEvent event = nextEvent();
            riskEngine.apply(event, op - 1);
        }
        if (riskEngine.cards().size() != cards) {
            throw new IllegalStateException("expected " + cards + " cards after warm-up, have "
                + riskEngine.cards().size());
        }
    }

    private Scorer scorer() throws IOException {
        return BUILTIN.equals(scorer) ? new BuiltInPolicyScorer() : ServingModels.load(Path.of(scorer));
    }

    /** Prints the decision mix, so a run that drifted into the cheap flagged-card path shows it. */
    @TearDown(Level.Trial)
    public void tearDown() {
        System.out.println();
        System.out.println("[business-logic] ops=" + op + " cards=" + riskEngine.cards().size() + "/"
            + riskEngine.cards().capacity() + " CP share=" + traffic.cardPresentShare() + " "
            + SyntheticTraffic.summarise(counters.snapshot(), "decisions.action.", "flags.", "authorizations.",
            "rejections."));
    }

    /** One AUTHORIZE event through RiskEngine.apply: features, score, decide and history update, in ns/op. */
    @Benchmark
    public int process() {
        final EngineEvent event = nextEvent();
        riskEngine.apply(event, op - 1);
        return event.score;
    }

    /** Fills the next pooled event as ingress would for the next card and advances time and sequence. */
    private EngineEvent nextEvent() {
        final int template = (int)(op & SyntheticTraffic.TEMPLATE_MASK);
        final EngineEvent event = pool[template];
        final int card = cardCursor;
        cardCursor += stride;
        if (cardCursor >= cards) {
            cardCursor -= cards;
        }
        event.fingerprintHigh = fingerprintHigh[card];
        event.fingerprintLow = fingerprintLow[card];
        event.bin = bin[card];
        event.lastFour = lastFour[card];
        if (!keepsTemplateDevice[template]) {
            event.deviceKey = homeDeviceKey[card];
        }
        event.eventTimeMillis = SyntheticTraffic.eventTimeMillis(op);
        op++;
        return event;
    }
}
