package io.ringfence.benchmarks;

import io.ringfence.Engine;
import io.ringfence.api.Decision;
import io.ringfence.api.EngineStats;
import io.ringfence.api.ThreadingMode;
import io.ringfence.api.WaitStrategyKind;
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

/**
 * Ring against queue, like for like, in the engine's two-thread topology on two cores: one caller's authorization
 * round trip to one engine thread that decides and answers ({@link ThreadingMode#SHARED}, no journal), handed off
 * through the engine's Disruptor ring ({@code sequenced}) or through an {@link java.util.concurrent.ArrayBlockingQueue}
 * ({@code queue}, see {@link BlockingQueuePipeline}), as percentiles (SampleTime). Named as the Disruptor's own
 * performance tests name their sequenced and queue variants.
 *
 * <p>Same work and same waiting on both sides, so the difference is the structure: engine ingress on the caller,
 * {@code RiskEngine.apply} and the completion on the engine thread, the same reusable response slot the caller
 * spins, yields, then parks on, the same traffic ({@link RoundTripTraffic}) and engine defaults. The engine thread
 * waits for work the same way on both sides, by the {@code waitStrategy} parameter: {@code BUSY_SPIN} (the ring's
 * busy-spin strategy; the queue polled in a spin) or {@code YIELDING} (the ring's yielding strategy, the engine's
 * default for SHARED; the queue polled a hundred times, then between yields). Neither blocks: a blocking
 * {@code take()} against a spinning ring would measure a park/unpark wake-up, not a queue.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {ForkFlags.NO_BOUNDS_CHECKS, ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX})
public class RingVersusQueueLatencyBenchmark {
    /** The engine's own pipeline on one engine thread, started with the wait strategy under test. */
    @State(Scope.Benchmark)
    public static class Sequenced {
        /** How the engine thread waits for the next event. */
        @Param({"YIELDING", "BUSY_SPIN"})
        public WaitStrategyKind waitStrategy;

        /** Distinct cards, all pre-warmed; requests cycle over them. */
        @Param({"100000"})
        public int cards;

        Engine engine;
        RoundTripTraffic traffic;

        /** Starts the engine and warms every card. */
        @Setup(Level.Trial)
        public void setUp() {
            engine = Engine.start(RoundTripTraffic.engineConfig().threadingMode(ThreadingMode.SHARED)
                .waitStrategy(waitStrategy).build());
            traffic = new RoundTripTraffic(cards, engine::authorize);
        }

        /** Prints the run's summary and stops the engine. */
        @TearDown(Level.Trial)
        public void tearDown() {
            final EngineStats stats = engine.stats();
            RoundTripTraffic.report("sequenced " + waitStrategy, stats.counters(), stats.decisionLatency());
            engine.close();
        }
    }

    /** The same stage over an ArrayBlockingQueue, its engine thread waiting the same way. */
    @State(Scope.Benchmark)
    public static class Queued {
        /** How the engine thread waits for the next event. */
        @Param({"YIELDING", "BUSY_SPIN"})
        public WaitStrategyKind waitStrategy;

        /** Distinct cards, all pre-warmed; requests cycle over them. */
        @Param({"100000"})
        public int cards;

        BlockingQueuePipeline pipeline;
        RoundTripTraffic traffic;

        /** Starts the queue pipeline with the engine's default settings and warms every card. */
        @Setup(Level.Trial)
        public void setUp() {
            pipeline = new BlockingQueuePipeline(RoundTripTraffic.engineConfig().build(), waitStrategy);
            traffic = new RoundTripTraffic(cards, pipeline::authorize);
        }

        /** Prints the run's summary and stops the engine thread. */
        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            RoundTripTraffic.report("queue " + waitStrategy, pipeline.counters(), pipeline.takeDecisionLatency());
            pipeline.close();
        }
    }

    /** Round trip through the engine's ring: Engine.authorize() from one caller. */
    @Benchmark
    public Decision sequenced(final Sequenced state) {
        return state.engine.authorize(state.traffic.next());
    }

    /** Round trip through an ArrayBlockingQueue carrying the same stage. */
    @Benchmark
    public Decision queue(final Queued state) {
        return state.pipeline.authorize(state.traffic.next());
    }
}
