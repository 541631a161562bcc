package io.ringfence.cli;

import io.ringfence.models.training.Algorithm;
import io.ringfence.models.training.ModelManifest;
import io.ringfence.models.training.ModelTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ringfence train}: a Tribuo model on the engine's own features, replayed from a CSV file. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Trains a fraud model with Tribuo on the transactions of a window of a CSV replay file. Features come from"
            + " replaying the file through the engine's business logic (history before --from warms the state);"
            + " labels reach the engine only as fraud reports --feedback-delay after the transaction.",
        "Writes a model directory: model.tribuo (Tribuo's serialisation), serving.model (the compiled form the engine"
            + " scores with, version DIR/ALGORITHM), provenance.json and provenance.txt, manifest.properties (feature"
            + " schema, window, algorithm, seed, trees, counts, serving model SHA-256, training-set metrics)."})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE", required = true, description = "The CSV replay file, with labels.")
    private Path data;

    @Option(names = "--from", paramLabel = "DATE", required = true, converter = DayArgument.class,
        description = "First training day, UTC, yyyy-mm-dd.")
    private LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", required = true, converter = DayArgument.class,
        description = "The day after the last training day (exclusive), UTC, yyyy-mm-dd.")
    private LocalDate to;

    @Option(names = "--algorithm", paramLabel = "NAME", required = true, converter = AlgorithmArgument.class,
        description = "logistic, forest or xgboost.")
    private Algorithm algorithm;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The model directory to write.")
    private Path out;

    @Option(names = "--feedback-delay", paramLabel = "DELAY", defaultValue = FeedbackDelay.DEFAULT,
        converter = FeedbackDelay.class, description = "When fraud reports arrive after the fraud (default"
            + " ${DEFAULT-VALUE}; like 7d, 36h).")
    private Duration feedbackDelay;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Training seed (default"
        + " ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--trees", paramLabel = "N", description = "forest: trees (default 50); xgboost: boosting rounds,"
        + " a tree per class each (default 50).")
    private Integer trees;

    @Option(names = "--max-depth", paramLabel = "D", description = "forest and xgboost: maximum tree depth (default"
        + " 10 for forest, 6 for xgboost).")
    private Integer maxDepth;

    @Override
    public Integer call() {
        CommandFailures.quietTribuo();
        if (!from.isBefore(to)) {
            throw new ParameterException(spec.commandLine(), "--to " + to + " must be after --from " + from
                + " (--to is exclusive)");
        }
        if (!algorithm.growsTrees() && (trees != null || maxDepth != null)) {
            throw new ParameterException(spec.commandLine(), "--trees and --max-depth apply to forest and xgboost, not "
                + algorithm.cliName());
        }
        if (trees != null && trees < 1 || maxDepth != null && maxDepth < 1) {
            throw new ParameterException(spec.commandLine(), "--trees and --max-depth must be at least 1");
        }
        final ModelTrainer.Settings settings = new ModelTrainer.Settings(algorithm, seed, feedbackDelay,
            trees == null ? algorithm.defaultTrees() : trees, maxDepth == null ? algorithm.defaultMaxDepth() : maxDepth);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            return CommandFailures.report(spec, out + " exists and is not a directory");
        }
        final ModelTrainer.Result result;
        try {
            result = ModelTrainer.train(data, from, to, settings, out);
        } catch (final IOException e) {
            return CommandFailures.report(spec, CommandFailures.describe(e));
        } catch (final UncheckedIOException e) {
            return CommandFailures.report(spec, CommandFailures.describe(e.getCause()));
        } catch (final ModelTrainer.NothingToLearnException e) {
            return CommandFailures.report(spec, e.getMessage());
        }
        final ModelManifest m = result.manifest();
        spec.commandLine().getOut().printf(Locale.ROOT,
            "trained %s on %,d transactions (%,d fraud) from %s to %s (exclusive) in %.1f s; training set: AUC ROC %s,"
                + " average precision %s; wrote %s (serving model %s)%n",
            algorithm.cliName(), result.rows(), result.fraudRows(), from, to, result.seconds(),
            m.get(ModelManifest.KEY_AUC), m.get(ModelManifest.KEY_AP), out, m.get(ModelManifest.KEY_SERVING_VERSION));
        if (result.replay().rejected() > 0) {
            spec.commandLine().getOut().println(result.replay().refusals().describe());
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** An algorithm name, case-insensitive. */
    static final class AlgorithmArgument implements picocli.CommandLine.ITypeConverter<Algorithm> {
        @Override
        public Algorithm convert(final String value) {
            try {
                return Algorithm.of(value);
            } catch (final IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
