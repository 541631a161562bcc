package io.ringfence.load;

import io.ringfence.Engine;
import io.ringfence.EngineConfig;
import io.ringfence.api.Ack;
import io.ringfence.api.Durability;
import io.ringfence.api.JournalConfig;
import io.ringfence.api.WaitStrategyKind;
import org.HdrHistogram.Histogram;

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
    /** Every request is answered by its deadline; this is how much longer to wait before calling the run broken. */
    private static final long ANSWER_GRACE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final BenchSettings settings;
    private final BenchTraffic traffic;
    private final EventClock clock;
    private final Engine engine;
    private final FlagProbe flagProbe;
    private long nextSequence;

    private LoadHarness(final BenchSettings settings, final BenchTraffic traffic) {
        this.settings = settings;
        this.traffic = traffic;
        this.clock = new EventClock(traffic.dayStartMillis());
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

    /** The version of the scorer the engine decides with: the built-in policy's or the loaded model's. */
    String scorerVersion() {
        return engine.stats().scorerVersion();
    }

    /** Runs load at {@code ratePerSecond} for {@code duration} and measures it. */
    PhaseResult run(final long ratePerSecond, final Duration duration) {
        final long durationNanos = duration.toNanos();
        final SendSchedule schedule = new SendSchedule(ratePerSecond, settings.producers());
        final long firstSequence = nextSequence;
        nextSequence += schedule.totalSends(durationNanos);
        final long startNanos = System.nanoTime() + START_DELAY_NANOS;

        final List<OpenLoopProducer> producers = new ArrayList<>(settings.producers());
        final List<Thread> threads = new ArrayList<>(settings.producers() + 1);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int p = 0; p < settings.producers(); p++) {
            final OpenLoopProducer producer = new OpenLoopProducer(engine, traffic, clock, schedule, p,
                firstSequence, schedule.sendsOf(p, durationNanos), startNanos);
            producers.add(producer);
            threads.add(thread("ringfence-bench-producer-" + (p + 1), producer, failure));
        }
        final Histogram flagsBlocked = new Histogram(OpenLoopProducer.HIGHEST_NANOS, 3);
        final long[] flagsMissed = new long[1];
        if (settings.flagRatePerSecond() > 0) {
            threads.add(thread("ringfence-bench-flag-probe", () -> flagsMissed[0] = probeFlags(startNanos,
                durationNanos, flagsBlocked), failure));
        }
        threads.forEach(Thread::start);
        joinAll(threads);
        if (failure.get() != null) {
            throw new IllegalStateException("the load failed: " + failure.get(), failure.get());
        }
        awaitAnswers(producers);

        long lastSendNanos = startNanos + durationNanos;
        long sent = 0;
        long standIns = 0;
        final Histogram latency = new Histogram(OpenLoopProducer.HIGHEST_NANOS, 3);
        final Histogram sendLag = new Histogram(OpenLoopProducer.HIGHEST_NANOS, 3);
        for (final OpenLoopProducer producer : producers) {
            lastSendNanos = Math.max(lastSendNanos, producer.finishedSendingNanos());
            sent += producer.sends();
            standIns += producer.standIns();
            latency.add(producer.latency());
            sendLag.add(producer.sendLag());
        }
        return new PhaseResult(ratePerSecond, durationNanos, lastSendNanos - startNanos, sent, standIns, latency,
            sendLag, flagsBlocked, flagsMissed[0]);
    }

    @Override
    public void close() {
        engine.close();
    }

    /** Probes flag-to-block on its own open-loop schedule through the phase; returns the probes that missed. */
    private long probeFlags(final long startNanos, final long durationNanos, final Histogram blocked) {
        final SendSchedule schedule = new SendSchedule(settings.flagRatePerSecond(), 1);
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

    private void awaitAnswers(final List<OpenLoopProducer> producers) {
        final long giveUpNanos = System.nanoTime() + settings.deadline().toNanos() + ANSWER_GRACE_NANOS;
        for (final OpenLoopProducer producer : producers) {
            while (producer.answered() < producer.sends()) {
                if (System.nanoTime() - giveUpNanos > 0) {
                    throw new IllegalStateException((producer.sends() - producer.answered())
                        + " requests were never answered");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
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
            .waitStrategy(settings.waitStrategy())
            .defaultDeadline(settings.deadline())
            .ingressEpochMillisClock(clock);
        final Path journal = settings.journal();
        if (journal != null) {
            // No periodic snapshots: one would pause the pipeline in the middle of a measured phase.
            builder.journal(JournalConfig.in(journal).withDurability(settings.durability())
                .withSnapshotInterval(Duration.ZERO));
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
     * @param producers         sending threads
     * @param flagRatePerSecond flag-to-block probes a second; 0 for none
     * @param deadline          the engine's per-request deadline
     * @param waitStrategy      how the engine's stage threads wait
     * @param journal           where to journal, or null for none
     * @param durability        the journal's flush policy
     */
    public record BenchSettings(int cards, long seed, int producers, long flagRatePerSecond, Duration deadline,
        WaitStrategyKind waitStrategy, Path journal, Durability durability, Path model) {
    }
}
