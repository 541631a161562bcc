package io.ringfence.demo;

import io.ringfence.EngineConfig;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run the demo.
 *
 * @param cards     cardholders in the synthetic population
 * @param seed      the generator's seed
 * @param producers gateway threads driving the engine; each owns a share of the cards
 * @param inFlight  asynchronous authorizations each producer keeps outstanding
 * @param warmUp    whether to drive the day through a scratch engine first, so the measured run is JIT-compiled
 * @param deadline  the engine's per-request deadline ({@link EngineConfig#DEADLINE_DEFAULT} by default); tests
 *                  that check scenario outcomes on a busy machine raise it so no answer is a stand-in
 * @param journal   where the measured engine journals its inputs and decisions, or null for no journal
 * @param model     a trained model directory both engines load before the day starts, or null for the engine's
 *                  built-in policy
 * @param rules     a rules file both engines load before the day starts, or null for none
 */
public record DemoOptions(int cards, long seed, int producers, int inFlight, boolean warmUp, Duration deadline,
    Path journal, Path model, Path rules) {
    public static final int CARDS_DEFAULT = 20_000;
    public static final long SEED_DEFAULT = 42;
    public static final int IN_FLIGHT_DEFAULT = 16;

    public DemoOptions {
        if (producers < 1) {
            throw new IllegalArgumentException("producers must be at least 1, was " + producers);
        }
        if (inFlight < 1) {
            throw new IllegalArgumentException("inFlight must be at least 1, was " + inFlight);
        }
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive, was " + deadline);
        }
    }

    /** The command line's defaults for a population and seed. */
    public static DemoOptions of(final int cards, final long seed) {
        return new DemoOptions(cards, seed, 1, IN_FLIGHT_DEFAULT, true, EngineConfig.DEADLINE_DEFAULT, null, null,
            null);
    }

    public DemoOptions withProducers(final int newProducers) {
        return new DemoOptions(cards, seed, newProducers, inFlight, warmUp, deadline, journal, model, rules);
    }

    public DemoOptions withInFlight(final int newInFlight) {
        return new DemoOptions(cards, seed, producers, newInFlight, warmUp, deadline, journal, model, rules);
    }

    public DemoOptions withWarmUp(final boolean newWarmUp) {
        return new DemoOptions(cards, seed, producers, inFlight, newWarmUp, deadline, journal, model, rules);
    }

    public DemoOptions withDeadline(final Duration newDeadline) {
        return new DemoOptions(cards, seed, producers, inFlight, warmUp, newDeadline, journal, model, rules);
    }

    public DemoOptions withJournal(final Path newJournal) {
        return new DemoOptions(cards, seed, producers, inFlight, warmUp, deadline, newJournal, model, rules);
    }

    public DemoOptions withModel(final Path newModel) {
        return new DemoOptions(cards, seed, producers, inFlight, warmUp, deadline, journal, newModel, rules);
    }

    public DemoOptions withRules(final Path newRules) {
        return new DemoOptions(cards, seed, producers, inFlight, warmUp, deadline, journal, model, newRules);
    }
}
