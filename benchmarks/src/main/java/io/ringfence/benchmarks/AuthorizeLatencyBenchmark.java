package io.ringfence.benchmarks;

import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.Decision;
import io.ringfence.api.Engine;
import io.ringfence.api.EngineConfig;
import io.ringfence.api.EngineStats;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the in-process round trip of {@link Engine#authorize(AuthorizationRequest)} from one caller thread:
 * ingress (validate, fingerprint), publish into the ring, business logic, response stage, and the caller's wake-up,
 * as percentiles (SampleTime). Default engine configuration, including the default wait strategy
 * ({@link io.ringfence.api.WaitStrategyKind#PHASED_BACKOFF}) and capacities.
 *
 * <p>On a 2-core machine the two stage threads (business logic, response) and the caller share the cores, so
 * each hand-off can include a thread wake-up; the figures are not comparable with isolated-core results.
 *
 * <p>Requests are built once in setup ({@value #REQUESTS} of them, over {@link #cards} cards visited in a
 * scattered stride; all cards are authorized once in setup). They carry no transmission time, and the engine's
 * ingress clock is a simulated one advancing {@value SyntheticTraffic#STEP_MILLIS} ms per call, so history windows
 * roll as in {@link BusinessLogicStepBenchmark} rather than piling a whole run into one minute.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {ForkFlags.NO_BOUNDS_CHECKS, ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX})
public class AuthorizeLatencyBenchmark {
    /** Pre-built requests the benchmark cycles through; a power of two. */
    static final int REQUESTS = 1 << 17;

    /** Distinct cards, all pre-warmed; requests cycle over them. */
    @Param({"100000"})
    public int cards;

    private final AuthorizationRequest[] requests = new AuthorizationRequest[REQUESTS];
    private final AtomicLong simulatedMillis = new AtomicLong(SyntheticTraffic.START_MILLIS);
    private Engine engine;
    private int next;

    /** Starts the engine, builds the requests and authorizes every card once. */
    @Setup(Level.Trial)
    public void setUp() {
        final SyntheticTraffic traffic = new SyntheticTraffic();
        engine = Engine.start(EngineConfig.builder()
            .developmentFingerprintKey()
            .ingressEpochMillisClock(() -> simulatedMillis.addAndGet(SyntheticTraffic.STEP_MILLIS))
            .build());
        final String[] pans = new String[cards];
        final String[] devices = new String[cards];
        for (int c = 0; c < cards; c++) {
            pans[c] = SyntheticTraffic.pan(c);
            devices[c] = SyntheticTraffic.homeDevice(c);
            final Decision warm = engine.authorize(traffic.request(c & SyntheticTraffic.TEMPLATE_MASK, pans[c],
                devices[c], null));
            if (warm.standIn()) {
                throw new IllegalStateException("stand-in during warm-up: " + warm);
            }
        }
        final int stride = SyntheticTraffic.strideFor(cards);
        int card = 0;
        for (int r = 0; r < REQUESTS; r++) {
            requests[r] = traffic.request(r & SyntheticTraffic.TEMPLATE_MASK, pans[card], devices[card], "req-" + r);
            card += stride;
            if (card >= cards) {
                card -= cards;
            }
        }
    }

    /** Prints the decision mix, stand-ins and the engine's own latency summary, then stops the engine. */
    @TearDown(Level.Trial)
    public void tearDown() {
        final EngineStats stats = engine.stats();
        System.out.println();
        System.out.println("[authorize] " + SyntheticTraffic.summarise(stats.counters(), "decisions.action.",
            "flags.", "standin.", "decisions.late", "rejections.", "errors.") + " engineLatency=" + stats.decisionLatency());
        engine.close();
    }

    /** One Engine.authorize() round trip from the calling thread, as a latency distribution. */
    @Benchmark
    public Decision authorize() {
        final AuthorizationRequest request = requests[next];
        next = (next + 1) & (REQUESTS - 1);
        return engine.authorize(request);
    }
}
