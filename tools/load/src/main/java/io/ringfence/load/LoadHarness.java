package io.ringfence.load;

import io.ringfence.Engine;
import io.ringfence.EngineConfig;
import io.ringfence.api.Ack;
import io.ringfence.api.Durability;
import io.ringfence.api.JournalConfig;
import io.ringfence.api.ThreadingMode;
import io.ringfence.api.WaitStrategyKind;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives an embedded engine with open-loop load in phases (warm-up, a measured run, or a sweep's steps), all
 * on one engine, the replayed traffic going on where the last phase stopped.
 */
public final class LoadHarness implements AutoCloseable {
    /** Lets every thread of a phase start before its first request is due. */
    private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** Requests the load agent may have outstanding: the ring's size, more than a deadline's worth at 100k/s. */
    private static final int MAX_IN_FLIGHT = 16 * 1024;

    private final BenchSettings settings;
    private final BenchTraffic traffic;
    private final EventClock clock;
    /** The embedded engine, or null when the load goes to a server over the network. */
    private final Engine engine;
    private final LoadTarget remote;
    private final FlagProbe flagProbe;
    private long nextSequence;

    private LoadHarness(final BenchSettings settings, final BenchTraffic traffic) {
        this.settings = settings;
        this.traffic = traffic;
        this.clock = new EventClock(traffic.dayStartMillis());
        if (settings.target() != null) {
            this.engine = null;
            this.remote = RemoteTargets.connect(settings.target(), settings.apiKey());
            this.flagProbe = null;
            return;
        }
        this.remote = null;
        this.engine = Engine.start(engineConfig(settings, clock));
        if (settings.model() != null) {
            final Ack ack = engine.loadModel(settings.model());
            if (ack.status() != Ack.Status.APPLIED) {
                engine.close();
                throw new IllegalStateException("model " + settings.model() + " was refused: " + ack.detail());
            }
        }
        this.flagProbe = new FlagProbe(engine, traffic.probeCardholders(), traffic.dayStartMillis());
    }

    /** Generates the traffic and starts the engine. */
    static LoadHarness start(final BenchSettings settings) {
        final BenchTraffic traffic = BenchTraffic.generate(settings.cards(), settings.seed());
        // Settle the generated traffic into the old generation now, rather than in collections during a phase.
        System.gc();
        return new LoadHarness(settings, traffic);
    }

    /** The engine's threading mode, or where the load went when it went over the network. */
    String threading() {
        return engine == null ? remote.describe() : engine.config().threadingMode().name()
            + (settings.pinEngineThread() ? " pinned" : "");
    }

    String waitStrategy() {
        return engine == null ? "the server's" : engine.config().waitStrategy().name();
    }

    /** The version of the scorer the engine decides with: the built-in policy's or the loaded model's. */
    String scorerVersion() {
        return engine == null ? "the server's" : engine.stats().scorerVersion();
    }

    /**
     * Runs load at {@code ratePerSecond} for {@code duration} from one load agent thread, and measures it; the flag
     * probe, when asked for, runs on a thread of its own that sleeps between probes.
     */
    PhaseResult run(final long ratePerSecond, final Duration duration) {
        final long durationNanos = duration.toNanos();
        final SendSchedule schedule = new SendSchedule(ratePerSecond);
        final long firstSequence = nextSequence;
        final long sends = schedule.totalSends(durationNanos);
        nextSequence += sends;
        final long startNanos = System.nanoTime() + START_DELAY_NANOS;

        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicReference<LoadAgent> agent = new AtomicReference<>();
        final long[] lastSendNanos = new long[1];
        final List<Thread> threads = new ArrayList<>(2);
        threads.add(thread("ringfence-load-agent", () -> {
            final LoadAgent running = new LoadAgent(remote != null ? remote
                : new EngineTarget(engine.newClient(MAX_IN_FLIGHT)), traffic, clock);
            lastSendNanos[0] = running.run(schedule, firstSequence, sends, startNanos);
            agent.set(running);
        }, failure));
        final Histogram flagsBlocked = new Histogram(LoadAgent.HIGHEST_NANOS, 3);
        final long[] flagsMissed = new long[1];
        final long[] garbageSent = new long[1];
        if (settings.garbageFrames() > 0) {
            threads.add(thread("ringfence-bench-garbage", () -> garbageSent[0] = GarbageFrames.send(
                settings.target().getHost(), settings.target().getPort(), settings.garbageFrames(), startNanos,
                durationNanos, settings.seed()), failure));
        }
        if (settings.flagRatePerSecond() > 0) {
            threads.add(thread("ringfence-bench-flag-probe", () -> flagsMissed[0] = probeFlags(startNanos,
                durationNanos, flagsBlocked), failure));
        }
        final CpuSteal stealBefore = CpuSteal.read();
        threads.forEach(Thread::start);
        joinAll(threads);
        final double stealPercent = CpuSteal.read().percentSince(stealBefore);
        if (failure.get() != null) {
            throw new IllegalStateException("the load failed: " + failure.get(), failure.get());
        }
        final LoadAgent finished = agent.get();
        return new PhaseResult(ratePerSecond, durationNanos, Math.max(durationNanos, lastSendNanos[0] - startNanos),
            sends, finished.standIns(), finished.responseTime(), finished.serviceTime(), finished.sendLag(),
            finished.hiccups(), stealPercent, flagsBlocked, flagsMissed[0], garbageSent[0]);
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
        if (remote != null) {
            remote.close();
        }
    }

    /** Probes flag-to-block on its own open-loop schedule through the phase; returns the probes that missed. */
    private long probeFlags(final long startNanos, final long durationNanos, final Histogram blocked) {
        final SendSchedule schedule = new SendSchedule(settings.flagRatePerSecond());
        final long probes = schedule.totalSends(durationNanos);
        long missed = 0;
        for (long i = 0; i < probes; i++) {
            final long dueNanos = startNanos + schedule.dueNanos(i);
            for (long left = dueNanos - System.nanoTime(); left > 0; left = dueNanos - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
            missed += flagProbe.probe(blocked) ? 0 : 1;
        }
        return missed;
    }

    private static Thread thread(final String name, final Runnable body, final AtomicReference<Throwable> failure) {
        final Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> failure.compareAndSet(null, e));
        return thread;
    }

    private static void joinAll(final List<Thread> threads) {
        for (final Thread thread : threads) {
            try {
                thread.join();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the load ran", e);
            }
        }
    }

    private static EngineConfig engineConfig(final BenchSettings settings, final EventClock clock) {
        final EngineConfig.Builder builder = EngineConfig.builder()
            .developmentFingerprintKey()
            .trustEventTimes()
            .insecureDevelopmentKeyWithJournal()
            .cardCapacity(cardCapacityFor(settings.cards()))
            .threadingMode(settings.threadingMode())
            .pinEngineThread(settings.pinEngineThread())
            // The load agent is the only publisher unless the flag probe runs beside it.
            .singleProducer(settings.flagRatePerSecond() == 0)
            .defaultDeadline(settings.deadline())
            .ingressEpochMillisClock(clock);
        if (settings.waitStrategy() != null) {
            builder.waitStrategy(settings.waitStrategy());
        }
        final Path journal = settings.journal();
        if (journal != null) {
            builder.journal(JournalConfig.in(journal).withDurability(settings.durability())
                .withSnapshotInterval(settings.snapshotInterval()));
        }
        return builder.build();
    }

    /** A power of two with room for at least twice the population: the card store's most compact size. */
    static int cardCapacityFor(final int cards) {
        return Integer.highestOneBit(Math.max(cards, 512) * 2 - 1) << 1;
    }

    /**
     * How to load the engine.
     *
     * @param cards             cardholders in the synthetic population
     * @param seed              the traffic generator's seed
     * @param flagRatePerSecond flag-to-block probes a second; 0 for none
     * @param deadline          the engine's per-request deadline
     * @param threadingMode     how the engine's stages map to threads
     * @param waitStrategy      how the engine's stage threads wait; null for the engine's default
     * @param pinEngineThread   whether the engine thread asks for a CPU of its own
     * @param journal           where to journal, or null for none
     * @param durability        the journal's flush policy
     * @param snapshotInterval  how often the journaled engine snapshots; zero for never
     * @param model             the model to score with, or null for the built-in policy
     * @param target            a running server to load over the network ({@code iso8583://HOST:PORT} or
     *                          {@code http://HOST:PORT}), or null for an embedded engine
     * @param apiKey            the key for an HTTP target, or null
     * @param garbageFrames     bad frames to send an ISO 8583 target during each phase, beside the load; 0 for none
     */
    public record BenchSettings(int cards, long seed, long flagRatePerSecond, Duration deadline,
        ThreadingMode threadingMode, WaitStrategyKind waitStrategy, boolean pinEngineThread, Path journal,
        Durability durability, Duration snapshotInterval, Path model, URI target, String apiKey, long garbageFrames) {
    }
}
