package io.ringfence.tools.training;

import io.ringfence.features.FeatureSchema;
import io.ringfence.tools.evaluation.EvaluationWindow;
import io.ringfence.tools.evaluation.HandbookSplit;
import io.ringfence.tools.evaluation.ScoredTransaction;
import io.ringfence.tools.report.EvaluationReport;
import io.ringfence.tools.report.FeatureImportance;
import io.ringfence.tools.report.ReportInput;
import io.ringfence.tools.report.ScorerEvaluation;
import io.ringfence.scoring.Scorer;
import io.ringfence.scoring.ServingModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ringfence evaluate}: a model on a test window, by the handbook's protocol (see {@link HandbookSplit}), beside
 * the engine's built-in policy on the same transactions.
 *
 * <p>The model scores through its compiled serving form ({@value ServingModels#FILE_NAME}, loaded as the engine loads
 * it), so the figures are those of the model the engine would run; the parity tests tie it to Tribuo's predictions.
 * Beside the metrics, each feature's mean absolute contribution to the test rows' scores
 * ({@link CompiledScoring.Scores#importance()}) says which features the model leaned on.
 *
 * <p>The replay runs from the model's training window start (from its manifest) to the end of the test window; the
 * training window's frauds are known at the test's start and the delay period's become known day by day, as the
 * protocol says. The built-in policy's score is the engine's decision score over 1000 from the same replay (1.0 for an
 * already flagged card, as the engine declines it).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Evaluates a trained model on a test window of a CSV replay file, following the handbook protocol: the"
            + " training window (from the model's manifest) is followed by the feedback delay, and each test day drops"
            + " the cards whose fraud is known by then.",
        "Reports AUC ROC, average precision, card precision@100 and precision, recall and false-positive rate at"
            + " the engine's decline threshold (0.8), for the model and for the built-in policy."})
public final class EvaluateCommand implements Callable<Integer> {
    /** The report's directory inside the model directory, unless --report names another. */
    static final String DEFAULT_REPORT_DIRECTORY = "evaluation";

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", required = true, description = "A model directory from train.")
    private Path model;

    @Option(names = "--data", paramLabel = "FILE", required = true, description = "The CSV replay file, with labels.")
    private Path data;

    @Option(names = "--from", paramLabel = "DATE", required = true, converter = DayArgument.class,
        description = "First test day, UTC, yyyy-mm-dd (not before the model's training window ends).")
    private LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", required = true, converter = DayArgument.class,
        description = "The day after the last test day (exclusive), UTC, yyyy-mm-dd.")
    private LocalDate to;

    @Option(names = "--feedback-delay", paramLabel = "DELAY", defaultValue = FeedbackDelay.DEFAULT,
        converter = FeedbackDelay.class, description = "When fraud reports arrive after the fraud (default"
            + " ${DEFAULT-VALUE}; like 7d, 36h); rounded up to whole days for the test-set rule.")
    private Duration feedbackDelay;

    @Option(names = "--json", description = "Print the model's metrics as one JSON object.")
    private boolean json;

    @Option(names = "--scores-out", paramLabel = "FILE", description = "Write id,score for every transaction of the"
        + " test window.")
    private Path scoresOut;

    @Option(names = "--report", paramLabel = "DIR", description = "Where to write the HTML report and its charts"
        + " (ROC and precision-recall curves, score distribution by class, feature importance; default: the"
        + " evaluation directory inside the model directory, replaced).")
    private Path report;

    @Override
    public Integer call() {
        CommandFailures.quietTribuo();
        if (!from.isBefore(to)) {
            throw new ParameterException(spec.commandLine(), "--to " + to + " must be after --from " + from
                + " (--to is exclusive)");
        }
        final ModelManifest manifest;
        final Scorer scorer;
        final EvaluationWindow window;
        try {
            manifest = ModelManifest.read(model);
            if (!FeatureSchema.ID.equals(manifest.get(ModelManifest.KEY_SCHEMA_ID))) {
                return CommandFailures.report(spec, "model " + model + " reads features "
                    + manifest.get(ModelManifest.KEY_SCHEMA_ID) + " but the engine computes " + FeatureSchema.ID);
            }
            final ServingModels.Loaded loaded = ServingModels.read(model);
            final String trainedSha256 = manifest.get(ModelManifest.KEY_SERVING_SHA256);
            if (trainedSha256 != null && !trainedSha256.equals(loaded.sha256Hex())) {
                return CommandFailures.report(spec, loaded.file() + " has changed since training (SHA-256 "
                    + loaded.sha256Hex() + ", manifest " + trainedSha256 + ")");
            }
            scorer = loaded.scorer();
            try {
                window = new EvaluationWindow(manifest.trainFrom(), manifest.trainTo(),
                    FeedbackDelay.wholeDaysUp(feedbackDelay), from, to);
            } catch (final IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--from " + from + " is before the model's training"
                    + " window ends (" + manifest.trainTo() + ", exclusive): " + e.getMessage());
            }
        } catch (final IOException e) {
            return CommandFailures.report(spec, CommandFailures.describe(e));
        } catch (final IllegalArgumentException e) {
            return CommandFailures.report(spec, e.getMessage());
        }

        final List<ScoredTransaction> policy = new ArrayList<>();
        final List<FeatureRow> testRows = new ArrayList<>();
        final List<Integer> testIndex = new ArrayList<>();
        final long testFromMillis = ModelTrainer.millis(from);
        final long startNanos = System.nanoTime();
        try {
            new FeatureReplay(feedbackDelay, ModelTrainer.millis(window.trainFrom()), ModelTrainer.millis(to))
                .run(data, row -> {
                    if (row.timeMillis() >= testFromMillis) {
                        testIndex.add(policy.size());
                        testRows.add(row);
                    }
                    policy.add(new ScoredTransaction(row.id(), row.card(), row.timeMillis(),
                        Math.min(1.0, row.policyScore() / 1000.0), row.fraud()));
                });
        } catch (final IOException e) {
            return CommandFailures.report(spec, CommandFailures.describe(e));
        } catch (final UncheckedIOException e) {
            return CommandFailures.report(spec, CommandFailures.describe(e.getCause()));
        }
        final CompiledScoring.Scores compiled = CompiledScoring.score(scorer,
            testRows.stream().map(FeatureRow::features).toList());
        final double[] scores = compiled.probabilities();
        final List<ScoredTransaction> scored = new ArrayList<>(policy.size());
        for (final ScoredTransaction transaction : policy) {
            scored.add(new ScoredTransaction(transaction.id(), transaction.card(), transaction.timeMillis(), 0.0,
                transaction.fraud()));
        }
        for (int i = 0; i < testRows.size(); i++) {
            final ScoredTransaction t = policy.get(testIndex.get(i));
            scored.set(testIndex.get(i), new ScoredTransaction(t.id(), t.card(), t.timeMillis(), scores[i], t.fraud()));
        }
        final double seconds = (System.nanoTime() - startNanos) / 1e9;

        final HandbookSplit modelSplit = HandbookSplit.split(scored, window);
        final HandbookSplit policySplit = HandbookSplit.split(policy, window);
        final EvaluationResult modelResult;
        final EvaluationResult policyResult;
        try {
            modelResult = EvaluationResult.of(modelSplit);
            policyResult = EvaluationResult.of(policySplit);
        } catch (final IllegalArgumentException e) {
            return CommandFailures.report(spec, "cannot evaluate on " + from + " to " + to + " (exclusive): "
                + e.getMessage());
        }
        if (scoresOut != null) {
            try (Writer out = Files.newBufferedWriter(scoresOut, StandardCharsets.UTF_8)) {
                out.write("id,score\n");
                for (int i = 0; i < testRows.size(); i++) {
                    out.write(testRows.get(i).id() + "," + String.format(Locale.ROOT, "%.6f", scores[i]) + "\n");
                }
            } catch (final IOException e) {
                return CommandFailures.report(spec, "cannot write " + scoresOut + ": " + CommandFailures.describe(e));
            }
        }
        final Path reportDirectory = report != null ? report : model.resolve(DEFAULT_REPORT_DIRECTORY);
        final Path reportPage;
        try {
            reportPage = EvaluationReport.write(reportDirectory, new ReportInput(model.toAbsolutePath().normalize()
                .getFileName().toString(), manifest.get(ModelManifest.KEY_ALGORITHM), scorer.version(),
                manifest.get(ModelManifest.KEY_SCHEMA_ID), window, modelSplit.removedFromTest(),
                side(modelResult, modelSplit), side(policyResult, policySplit), compiled.importance()));
        } catch (final IOException e) {
            return CommandFailures.report(spec, "cannot write the report in " + reportDirectory + ": "
                + CommandFailures.describe(e));
        }
        final long testFrauds = modelSplit.test().stream().filter(ScoredTransaction::fraud).count();
        if (json) {
            spec.commandLine().getOut().println("{" + modelResult.jsonMembers()
                + String.format(Locale.ROOT, ",\"algorithm\":\"%s\",\"test_from\":\"%s\",\"test_to_exclusive\":\"%s\","
                        + "\"feedback_delay_days\":%d,\"test_transactions\":%d,\"test_fraud\":%d,"
                        + "\"removed_known_card_transactions\":%d,\"builtin_policy\":{%s},"
                        + "\"serving_version\":\"%s\",\"feature_importance\":{%s}}",
                    manifest.get(ModelManifest.KEY_ALGORITHM), from, to, window.feedbackDelayDays(),
                    modelSplit.test().size(), testFrauds, modelSplit.removedFromTest(), policyResult.jsonMembers(),
                    scorer.version(), importanceJson(compiled)));
        } else {
            final var out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "test %s to %s (exclusive) after training %s to %s and a %d-day delay:"
                    + " %,d transactions (%,d fraud), %,d of known-fraud cards removed; replayed and scored in %.1f s%n",
                from, to, window.trainFrom(), window.trainTo(), window.feedbackDelayDays(), modelSplit.test().size(),
                testFrauds, modelSplit.removedFromTest(), seconds);
            out.printf(Locale.ROOT, "model %-9s %s%n", manifest.get(ModelManifest.KEY_ALGORITHM), modelResult.text());
            out.printf(Locale.ROOT, "built-in policy %s%n", policyResult.text());
            out.printf(Locale.ROOT, "report %s%n", reportPage);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static ScorerEvaluation side(final EvaluationResult result, final HandbookSplit split) {
        return new ScorerEvaluation(result.aucRoc(), result.averagePrecision(), result.cardPrecisionAt100(),
            result.atThreshold(), split.test());
    }

    /** Mean absolute contribution per feature, in score points, as JSON members in schema order. */
    private static String importanceJson(final CompiledScoring.Scores scores) {
        final StringBuilder json = new StringBuilder();
        for (final FeatureImportance contribution : scores.importance()) {
            if (json.length() > 0) {
                json.append(',');
            }
            json.append(String.format(Locale.ROOT, "\"%s\":%.6f", contribution.feature(),
                contribution.meanAbsoluteContribution()));
        }
        return json.toString();
    }
}
