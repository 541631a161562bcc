package io.ringfence.cli;

import io.ringfence.EngineConfig;
import io.ringfence.JournalReplay;
import io.ringfence.OfflineEngine;
import io.ringfence.api.StoreCapacities;
import io.ringfence.journal.JournalException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code ringfence replay}: re-runs the input journal through a fresh engine (the built-in policy scorer and the
 * default thresholds) and compares its decisions with the decision journal, record by record. The base for
 * backtesting.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Re-runs the input journal through a fresh engine and reports events replayed, events per second, the"
            + " resulting state digest, and the decisions that differ from the decision journal (action, response"
            + " code, score and reasons, matched by sequence).",
        "Decision records of stand-in answers are not compared: the engine did not give them."})
public final class ReplayCommand implements Callable<Integer> {
        static final int MAX_CAPACITY = 1 << 28;

    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", required = true,
        description = "Journal root (holding input/ and decisions/), or one input journal directory.")
    private Path dir;

    @Option(names = "--card-capacity", paramLabel = "N", defaultValue = "" + StoreCapacities.CARDS_DEFAULT,
        description = "Cards the engine holds (default ${DEFAULT-VALUE}); give the capacity the journal was written"
            + " with, or evictions make decisions differ.")
    private int cardCapacity;

    @Option(names = "--merchant-capacity", paramLabel = "N",
        defaultValue = "" + StoreCapacities.MERCHANTS_DEFAULT,
        description = "Merchants the engine holds (default ${DEFAULT-VALUE}).")
    private int merchantCapacity;

    @Option(names = "--terminal-capacity", paramLabel = "N",
        defaultValue = "" + StoreCapacities.TERMINALS_DEFAULT,
        description = "Terminals the engine holds (default ${DEFAULT-VALUE}).")
    private int terminalCapacity;

    @Option(names = "--token-capacity", paramLabel = "N", defaultValue = "" + StoreCapacities.TOKENS_DEFAULT,
        description = "Token links the engine holds (default ${DEFAULT-VALUE}).")
    private int tokenCapacity;

    @Option(names = "--flag-capacity", paramLabel = "N", defaultValue = "" + StoreCapacities.FLAGS_DEFAULT,
        description = "Flagged cards and pinned token links the engine holds (default ${DEFAULT-VALUE}).")
    private int flagCapacity;

    @Option(names = "--request-capacity", paramLabel = "N", defaultValue = "" + StoreCapacities.REQUESTS_DEFAULT,
        description = "Decided requests remembered for retries (default ${DEFAULT-VALUE}).")
    private int requestCapacity;

    @Option(names = "--idempotency-window", paramLabel = "D", converter = FeedbackDelay.class,
        defaultValue = "24h", description = "How long a retry got the first answer when the journal was written"
            + " (default ${DEFAULT-VALUE}).")
    private Duration idempotencyWindow;

    @Override
    public Integer call() {
        checkCapacity("--card-capacity", cardCapacity);
        checkCapacity("--merchant-capacity", merchantCapacity);
        checkCapacity("--terminal-capacity", terminalCapacity);
        checkCapacity("--token-capacity", tokenCapacity);
        checkCapacity("--flag-capacity", flagCapacity);
        checkCapacity("--request-capacity", requestCapacity);
        final JournalDirs dirs = JournalDirs.of(dir);
        final PrintWriter out = spec.commandLine().getOut();
        final OfflineEngine engine = OfflineEngine.create(EngineConfig.builder().developmentFingerprintKey()
            .idempotencyWindow(idempotencyWindow)
            .capacities(new StoreCapacities(cardCapacity, merchantCapacity, terminalCapacity, tokenCapacity,
                flagCapacity, requestCapacity)).build());
        final boolean compare = !dirs.decisions().equals(dirs.input()) && Files.isDirectory(dirs.decisions());
        final JournalReplay.Result result;
        try {
            result = JournalReplay.run(engine, dirs.input(), compare ? dirs.decisions() : null);
        } catch (final JournalException e) {
            return CommandFailures.report(spec, e);
        }
        out.printf("replayed       %,d events from %s in %.3f s: %,.0f events/s%n", result.replayed(), dirs.input(),
            result.nanos() / 1e9, result.eventsPerSecond());
        out.printf("state digest   %016x%n", result.stateDigest());
        if (compare) {
            out.printf("decisions      %,d compared with %s: %,d differences%n", result.compared(), dirs.decisions(),
                result.differences());
            if (result.standIns() + result.callerAnswers() + result.withoutDecision() + result.withoutInput() > 0) {
                out.printf("not compared   %,d stand-in records, %,d answers callers gave themselves, %,d events"
                    + " without a decision record, %,d decision records without an input event%n", result.standIns(),
                    result.callerAnswers(), result.withoutDecision(), result.withoutInput());
            }
            for (final String difference : result.described()) {
                out.println(difference);
            }
            if (result.differences() > result.described().size()) {
                out.printf("... and %,d more differences%n", result.differences() - result.described().size());
            }
        } else {
            out.printf("decisions      no decision journal in %s: nothing compared%n", dir);
        }
        for (final String error : engine.errors()) {
            out.println("error          " + error);
        }
        out.flush();
        return 0;
    }

    private void checkCapacity(final String option, final int value) {
        if (value < 1 || value > MAX_CAPACITY) {
            throw new ParameterException(spec.commandLine(), option + " must be between 1 and " + MAX_CAPACITY
                + ", was " + value);
        }
    }
}
