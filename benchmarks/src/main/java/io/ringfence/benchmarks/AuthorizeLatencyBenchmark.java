package io.ringfence.benchmarks;

import io.ringfence.Engine;
import io.ringfence.EngineConfig;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.Decision;
import io.ringfence.api.EngineStats;
import io.ringfence.api.JournalConfig;
import io.ringfence.api.ThreadingMode;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Measures the in-process round trip of {@link Engine#authorize(AuthorizationRequest)} from one caller thread:
 * ingress (validate, fingerprint), publish into the ring, business logic, response stage, and the caller's wake-up,
 * as percentiles (SampleTime), with the journal off and on, in both threading modes: {@code SHARED} (one engine
 * thread for every stage, waiting {@code YIELDING}) and {@code DEDICATED} (a thread per stage, waiting
 * {@code PHASED_BACKOFF}). Default engine configuration otherwise, including each mode's default wait strategy and
 * the capacities.
 *
 * <p>With {@code journal=on} the engine journals into a fresh temporary directory ({@code java.io.tmpdir}, so put
 * that on the disk to be measured), deleted after the trial: input journal beside the business logic, decision
 * journal beside the response stage, {@link io.ringfence.api.Durability#PROCESS_CRASH} durability. Periodic
 * snapshots are off: they are written off the engine thread by a replica, whose replay would share the caller's
 * core; {@code ringfence bench --snapshot-interval} measures that.
 *
 * <p>On a 2-core machine {@code SHARED} runs two busy threads (the caller and the engine thread), one per core;
 * {@code DEDICATED} runs two to four stage threads beside the caller, so hand-offs can include a thread wake-up.
 * Traffic: see {@link RoundTripTraffic}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {ForkFlags.NO_BOUNDS_CHECKS, ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX})
public class AuthorizeLatencyBenchmark {
    /** Distinct cards, all pre-warmed; requests cycle over them. */
    @Param({"100000"})
    public int cards;

    /** Whether the engine journals inputs and decisions. */
    @Param({"off", "on"})
    public String journal;

    /** One engine thread for every stage, or a thread per stage. */
    @Param({"SHARED", "DEDICATED"})
    public ThreadingMode threading;

    private Path journalDirectory;
    private Engine engine;
    private RoundTripTraffic traffic;

    /** Starts the engine, journaling into a new temporary directory if asked, and warms every card. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        final EngineConfig.Builder config = RoundTripTraffic.engineConfig().threadingMode(threading);
        switch (journal) {
            case "on" -> {
                journalDirectory = Files.createTempDirectory("ringfence-jmh-journal-");
                config.journal(JournalConfig.in(journalDirectory).withSnapshotInterval(Duration.ZERO));
            }
            case "off" -> journalDirectory = null;
            default -> throw new IllegalArgumentException("journal must be on or off, was " + journal);
        }
        try {
            engine = Engine.start(config.build());
            traffic = new RoundTripTraffic(cards, engine::authorize);
        } catch (final RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** Prints the decision mix, stand-ins and the engine's own latency summary, stops the engine, deletes the journal. */
    @TearDown(Level.Trial)
    public void tearDown() {
        final EngineStats stats = engine.stats();
        RoundTripTraffic.report("authorize " + threading + " journal=" + journal, stats.counters(),
            stats.decisionLatency());
        stop();
    }

    /** One Engine.authorize() round trip from the calling thread, as a latency distribution. */
    @Benchmark
    public Decision authorize() {
        return engine.authorize(traffic.next());
    }

    /** Stops the engine, if started, and deletes the journal directory, if any: a failed setup leaves nothing behind. */
    private void stop() {
        if (engine != null) {
            engine.close();
        }
        if (journalDirectory != null) {
            deleteRecursively(journalDirectory);
        }
    }

    private static void deleteRecursively(final Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (final IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
