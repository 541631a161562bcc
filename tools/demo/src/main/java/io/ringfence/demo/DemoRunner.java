package io.ringfence.demo;

import io.ringfence.Engine;
import io.ringfence.EngineConfig;
import io.ringfence.api.Ack;
import io.ringfence.api.EngineStats;
import io.ringfence.api.JournalConfig;
import io.ringfence.synthetic.GeneratorConfig;
import io.ringfence.synthetic.SyntheticTraffic;
import io.ringfence.synthetic.TrafficGenerator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The demo: generates a synthetic day, starts an engine on embedded defaults (development fingerprint key, card
 * store sized to the population) and drives the day through it.
 *
 * <p>With a model, both engines switch to it before the first authorization; without, they score with the built-in
 * policy. With a rules file, both put it in force before the first authorization too. With warm-up, the day is first driven through a scratch engine that is then thrown away, so the JIT has
 * compiled the hot paths before the measured run; the measured engine starts empty.
 */
public final class DemoRunner {
    private DemoRunner() {
    }

    public static DemoResult run(final DemoOptions options) {
        final long generationStart = System.nanoTime();
        final SyntheticTraffic traffic = TrafficGenerator.generate(GeneratorConfig.oneDay(options.cards(),
            options.seed()));
        final long generationNanos = System.nanoTime() - generationStart;
        final EngineConfig config = EngineConfig.builder()
            .developmentFingerprintKey()
            .trustEventTimes()
            .cardCapacity(cardCapacityFor(options.cards()))
            .defaultDeadline(options.deadline())
            .build();
        long warmUpNanos = 0;
        if (options.warmUp()) {
            final long warmUpStart = System.nanoTime();
            try (Engine scratch = Engine.start(config)) {
                loadModel(scratch, options.model());
                loadRules(scratch, options.rules());
                new TrafficDriver(scratch, options.producers(), options.inFlight()).drive(traffic.events());
            }
            warmUpNanos = System.nanoTime() - warmUpStart;
        }
        // Settle the generated day into the old generation now, rather than in collections during the drive that
        // would pause the engine's threads past the callers' deadlines.
        System.gc();

        final EngineConfig measured = options.journal() == null ? config : EngineConfig.builder()
            .developmentFingerprintKey()
            .trustEventTimes()
            .insecureDevelopmentKeyWithJournal()
            .capacities(config.capacities())
            .defaultDeadline(options.deadline())
            .journal(JournalConfig.in(options.journal()).withSnapshotInterval(Duration.ZERO))
            .build();
        try (Engine engine = Engine.start(measured)) {
            loadModel(engine, options.model());
            loadRules(engine, options.rules());
            final long driveStart = System.nanoTime();
            final List<EventOutcome> outcomes = new TrafficDriver(engine, options.producers(), options.inFlight())
                .drive(traffic.events());
            final long driveNanos = System.nanoTime() - driveStart;
            final EngineStats stats = engine.stats();
            return new DemoResult(options, traffic, measured, outcomes, stats, engine.cardCount(), generationNanos,
                warmUpNanos, driveNanos);
        }
    }

    /**
     * Switches the engine to the model, if one is given, before any traffic.
     *
     * @throws IllegalArgumentException when the engine refuses the model (unreadable, or another feature schema)
     */
    private static void loadModel(final Engine engine, final Path model) {
        if (model == null) {
            return;
        }
        final Ack ack = engine.loadModel(model);
        if (ack.status() != Ack.Status.APPLIED) {
            throw new IllegalArgumentException("model " + model + " was refused: " + ack.detail());
        }
    }

    /**
     * Puts the rules file in force, if one is given, before any traffic.
     *
     * @throws IllegalArgumentException when the engine refuses the file (its message is FILE:LINE:COL: message)
     */
    private static void loadRules(final Engine engine, final Path rules) {
        if (rules == null) {
            return;
        }
        final Ack ack = engine.loadRules(rules);
        if (ack.status() != Ack.Status.APPLIED) {
            throw new IllegalArgumentException(ack.detail());
        }
    }

    /** Room for every card of the population, with a quarter to spare. */
    static int cardCapacityFor(final int cards) {
        return cards + cards / 4 + 1_024;
    }
}
