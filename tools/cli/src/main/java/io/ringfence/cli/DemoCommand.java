package io.ringfence.cli;

import io.ringfence.cli.ModelOption;
import io.ringfence.demo.DemoOptions;
import io.ringfence.demo.DemoReport;
import io.ringfence.demo.DemoResult;
import io.ringfence.demo.DemoRunner;
import io.ringfence.models.rules.RulesCheck;
import io.ringfence.models.rules.RulesRefusedException;
import io.ringfence.synthetic.GeneratorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code ringfence demo}: a synthetic day of traffic, with fraud scenarios, through an embedded engine. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Drives a synthetic day of card traffic, fraud scenarios included, through an embedded engine.",
        "",
        "Generates a synthetic day of card-present and card-not-present traffic (normal spending plus a stolen card,"
            + " a card reported stolen, card testing, a skimmed terminal and a cleared false positive), drives it"
            + " through an engine started on embedded defaults, and prints what happened: decisions by channel,"
            + " action and code, each scenario's outcome, the cross-channel blocks with their flag-to-block times,"
            + " and latency percentiles.",
        "No card number is printed: cards appear as BIN, last four and fingerprint prefix."})
public final class DemoCommand implements Callable<Integer> {
    static final int MAX_CARDS = 1_000_000;
    static final int MAX_PRODUCERS = 64;
    static final int MAX_IN_FLIGHT = 4_096;

    @Spec
    private CommandSpec spec;

    @Option(names = "--cards", paramLabel = "N", defaultValue = "" + DemoOptions.CARDS_DEFAULT,
        description = "Cardholders in the synthetic population, one card each (" + GeneratorConfig.CARDS_MINIMUM
            + " to " + MAX_CARDS + "; default ${DEFAULT-VALUE}).")
    private int cards;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + DemoOptions.SEED_DEFAULT,
        description = "Seed of the traffic generator: the same seed gives the same day (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--producers", paramLabel = "P", defaultValue = "1",
        description = "Gateway threads driving the engine, each owning a share of the cards (1 to " + MAX_PRODUCERS
            + "; default ${DEFAULT-VALUE}).")
    private int producers;

    @Option(names = "--in-flight", paramLabel = "W", defaultValue = "" + DemoOptions.IN_FLIGHT_DEFAULT,
        description = "Asynchronous authorizations each producer keeps outstanding (1 to " + MAX_IN_FLIGHT
            + "; default ${DEFAULT-VALUE}).")
    private int inFlight;

    @Option(names = "--warm-up", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "First drive the day through a scratch engine so the measured run is JIT-compiled"
            + " (default ${DEFAULT-VALUE}; --no-warm-up measures a cold JVM).")
    private boolean warmUp;

    @Option(names = "--journal", paramLabel = "DIR",
        description = "Journal the measured run's inputs and decisions in DIR (empty or absent), for"
            + " 'ringfence journal' and 'ringfence replay'.")
    private Path journal;

    @Mixin
    private ModelOption model;

    @Option(names = "--rules", paramLabel = "FILE",
        description = "A rules file the engine puts in force before the day; the report lists each rule's hits.")
    private Path rules;

    @Override
    public Integer call() {
        if (journal != null && Files.exists(journal) && !isEmptyDirectory(journal)) {
            throw new ParameterException(spec.commandLine(), "--journal " + journal
                + " must be an empty or absent directory: the demo starts a fresh journal");
        }
        if (cards < GeneratorConfig.CARDS_MINIMUM || cards > MAX_CARDS) {
            throw new ParameterException(spec.commandLine(), "--cards must be between " + GeneratorConfig.CARDS_MINIMUM
                + " and " + MAX_CARDS + ", was " + cards);
        }
        if (producers < 1 || producers > MAX_PRODUCERS) {
            throw new ParameterException(spec.commandLine(), "--producers must be between 1 and " + MAX_PRODUCERS
                + ", was " + producers);
        }
        if (inFlight < 1 || inFlight > MAX_IN_FLIGHT) {
            throw new ParameterException(spec.commandLine(), "--in-flight must be between 1 and " + MAX_IN_FLIGHT
                + ", was " + inFlight);
        }
        if (rules != null) {
            try {
                RulesCheck.check(rules);
            } catch (final RulesRefusedException e) {
                return RulesCommand.refused(spec, e);
            }
        }
        final Path modelDirectory = model.directory();
        final long start = System.nanoTime();
        final DemoResult result;
        try {
            result = DemoRunner.run(DemoOptions.of(cards, seed).withProducers(producers)
                .withInFlight(inFlight).withWarmUp(warmUp).withJournal(journal).withModel(modelDirectory)
                .withRules(rules));
        } catch (final IllegalArgumentException e) {
            spec.commandLine().getErr().println("ringfence demo: " + CommandFailures.oneLine(e.getMessage()));
            return 1;
        }
        final PrintWriter out = spec.commandLine().getOut();
        out.print(DemoReport.render(result));
        out.printf("Demo took %.2f s%n", (System.nanoTime() - start) / 1e9);
        out.flush();
        return 0;
    }

    private static boolean isEmptyDirectory(final Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (final IOException e) {
            return false;
        }
    }
}
