package io.ringfence.benchmarks;

import io.ringfence.Engine;
import io.ringfence.api.Decision;
import io.ringfence.api.EngineStats;
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
 * Ring against queues, like for like: one caller's authorization round trip through a two-stage pipeline (business
 * logic, then response), handed off through the engine's Disruptor ring ({@code sequenced}) or through two
 * {@link java.util.concurrent.ArrayBlockingQueue}s ({@code queue}, see {@link BlockingQueuePipeline}), as
 * percentiles (SampleTime). Named as the Disruptor's own performance tests name their sequenced and queue variants.
 *
 * <p>Same work on both sides: engine ingress on the caller, {@code RiskEngine.apply} on the business-logic thread,
 * latency recording and completion on the response thread, the same spin-then-park wait on the caller, the same
 * traffic ({@link RoundTripTraffic}) and engine defaults, no journal. What differs is the hand-off and how stage
 * threads wait for work: {@code ArrayBlockingQueue.take()} blocks on a lock's condition at once, which the ring's
 * {@link WaitStrategyKind#BLOCKING} matches (the fair comparison); {@link WaitStrategyKind#PHASED_BACKOFF}, the
 * engine's default, spins and yields before blocking. With BLOCKING the Disruptor's response stage still spins
 * while the business logic works on the event it waits for; the queue's response thread sleeps.
 *
 * <p>On a 2-core machine the caller and both stage threads share the cores: see {@link AuthorizeLatencyBenchmark}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {ForkFlags.NO_BOUNDS_CHECKS, ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX})
public class OneToTwoPipelineLatencyBenchmark {
    /** The engine's own pipeline, started with the wait strategy under test. */
    @State(Scope.Benchmark)
    public static class Sequenced {
        /** How the stage threads wait for the next event. */
        @Param({"BLOCKING", "PHASED_BACKOFF"})
        public WaitStrategyKind waitStrategy;

        /** Distinct cards, all pre-warmed; requests cycle over them. */
        @Param({"100000"})
        public int cards;

        Engine engine;
        RoundTripTraffic traffic;

        /** Starts the engine and warms every card. */
        @Setup(Level.Trial)
        public void setUp() {
            engine = Engine.start(RoundTripTraffic.engineConfig().waitStrategy(waitStrategy).build());
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

    /** The same stages over ArrayBlockingQueues. */
    @State(Scope.Benchmark)
    public static class Queued {
        /** Distinct cards, all pre-warmed; requests cycle over them. */
        @Param({"100000"})
        public int cards;

        BlockingQueuePipeline pipeline;
        RoundTripTraffic traffic;

        /** Starts the queue pipeline with the engine's default settings and warms every card. */
        @Setup(Level.Trial)
        public void setUp() {
            pipeline = new BlockingQueuePipeline(RoundTripTraffic.engineConfig().build());
            traffic = new RoundTripTraffic(cards, pipeline::authorize);
        }

        /** Prints the run's summary and stops the stage threads. */
        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            RoundTripTraffic.report("queue", pipeline.counters(), pipeline.takeDecisionLatency());
            pipeline.close();
        }
    }

    /** Round trip through the engine's ring: Engine.authorize() from one caller. */
    @Benchmark
    public Decision sequenced(final Sequenced state) {
        return state.engine.authorize(state.traffic.next());
    }

    /** Round trip through two ArrayBlockingQueues carrying the same stages. */
    @Benchmark
    public Decision queue(final Queued state) {
        return state.pipeline.authorize(state.traffic.next());
    }
}
