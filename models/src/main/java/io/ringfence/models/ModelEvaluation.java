package io.ringfence.models;

import io.ringfence.OfflineEngine;
import io.ringfence.features.FeatureSchema;
import io.ringfence.models.evaluation.EvaluationResult;
import io.ringfence.models.evaluation.EvaluationWindow;
import io.ringfence.models.evaluation.HandbookSplit;
import io.ringfence.models.evaluation.ScoredTransaction;
import io.ringfence.models.report.EvaluationReport;
import io.ringfence.models.report.FeatureImportance;
import io.ringfence.models.report.ReportInput;
import io.ringfence.models.report.ScorerEvaluation;
import io.ringfence.models.training.CompiledScoring;
import io.ringfence.models.training.FeatureReplay;
import io.ringfence.models.training.FeatureRow;
import io.ringfence.models.training.ModelManifest;
import io.ringfence.models.training.ModelTrainer;
import io.ringfence.scoring.Scorer;
import io.ringfence.scoring.ServingModels;

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

/**
 * A trained model on a test window, by the handbook's protocol (see {@link HandbookSplit}), beside the engine's
 * built-in policy on the same transactions.
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
public final class ModelEvaluation {
    /** The report's directory inside the model directory, unless the request names another. */
    public static final String DEFAULT_REPORT_DIRECTORY = "evaluation";

    /**
     * What to evaluate.
     *
     * @param model           a model directory from training
     * @param data            the CSV replay file, with labels
     * @param testFrom        first test day, UTC
     * @param testTo          the day after the last test day
     * @param feedbackDelay   when fraud reports arrive after the fraud
     * @param scoresOut       where to write {@code id,score} for every test transaction, or null
     * @param reportDirectory where to write the HTML report, or null for the model's {@value #DEFAULT_REPORT_DIRECTORY}
     */
    public record Request(Path model, Path data, LocalDate testFrom, LocalDate testTo, Duration feedbackDelay,
                          Path scoresOut, Path reportDirectory) {
    }

    /** The model and test window a request names, checked before anything is replayed. */
    public record Subject(ModelManifest manifest, Scorer scorer, EvaluationWindow window) {
    }

    /**
     * What an evaluation found; {@link #json()} is the {@code --json} form. {@code replay} says what the replay read,
     * and what the engine refused. {@code modelFlags} is what the flags did in the test window with the model scoring
     * in the engine (a replay of its own), {@code policyFlags} the same with the built-in policy.
     */
    public record Outcome(Subject subject, HandbookSplit modelSplit, EvaluationResult model, EvaluationResult policy,
                          List<FeatureImportance> importance, Path reportPage, double seconds,
                          FeatureReplay.Stats replay, FlagAudit.Result modelFlags, FlagAudit.Result policyFlags) {
        public long testFrauds() {
            return modelSplit.test().stream().filter(ScoredTransaction::fraud).count();
        }

        public String algorithm() {
            return subject.manifest().get(ModelManifest.KEY_ALGORITHM);
        }

        /** One JSON object: the model's metrics, the window, the built-in policy's metrics, feature importance. */
        public String json() {
            final EvaluationWindow window = subject.window();
            return "{" + model.jsonMembers()
                + String.format(Locale.ROOT, ",\"algorithm\":\"%s\",\"test_from\":\"%s\",\"test_to_exclusive\":\"%s\","
                        + "\"feedback_delay_days\":%d,\"test_transactions\":%d,\"test_fraud\":%d,"
                        + "\"removed_known_card_transactions\":%d,\"refused_rows\":{%s},\"builtin_policy\":{%s,"
                        + "\"flags\":{%s}},\"flags\":{%s},\"serving_version\":\"%s\",\"feature_importance\":{%s}}",
                    algorithm(), window.testFrom(), window.testTo(), window.feedbackDelayDays(),
                    modelSplit.test().size(), testFrauds(), modelSplit.removedFromTest(), refusedJson(replay),
                    policy.jsonMembers(), policyFlags.jsonMembers(), modelFlags.jsonMembers(),
                    subject.scorer().version(), importanceJson(importance));
        }
    }

    /** The model or data cannot be evaluated; the message is one line for the user. */
    public static final class EvaluationRefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        public EvaluationRefusedException(final String message) {
            super(message);
        }
    }

    private ModelEvaluation() {
    }

    /**
     * Reads and checks the model a request names and places the test window after its training window.
     *
     * @throws IOException                 when the model cannot be read
     * @throws EvaluationRefusedException  when the model is not one, reads other features or its serving file changed
     * @throws IllegalArgumentException    when the test window starts before the training window ends
     */
    public static Subject subject(final Request request) throws IOException, EvaluationRefusedException {
        final ModelManifest manifest;
        final ServingModels.Loaded loaded;
        try {
            manifest = ModelManifest.read(request.model());
            if (!FeatureSchema.ID.equals(manifest.get(ModelManifest.KEY_SCHEMA_ID))) {
                throw new EvaluationRefusedException("model " + request.model() + " reads features "
                    + manifest.get(ModelManifest.KEY_SCHEMA_ID) + " but the engine computes " + FeatureSchema.ID);
            }
            loaded = ServingModels.read(request.model());
        } catch (final IllegalArgumentException e) {
            throw new EvaluationRefusedException(e.getMessage());
        }
        final String trainedSha256 = manifest.get(ModelManifest.KEY_SERVING_SHA256);
        if (trainedSha256 != null && !trainedSha256.equals(loaded.sha256Hex())) {
            throw new EvaluationRefusedException(loaded.file() + " has changed since training (SHA-256 "
                + loaded.sha256Hex() + ", manifest " + trainedSha256 + ")");
        }
        final EvaluationWindow window = new EvaluationWindow(manifest.trainFrom(), manifest.trainTo(),
            EvaluationWindow.wholeDaysUp(request.feedbackDelay()), request.testFrom(), request.testTo());
        return new Subject(manifest, loaded.scorer(), window);
    }

    /**
     * Replays the data, scores the test window with the model and the built-in policy, and writes the report (and the
     * scores, when asked).
     *
     * @throws IOException                when the data cannot be read or the report or scores cannot be written
     * @throws EvaluationRefusedException when the test window cannot be evaluated (no fraud in it, say)
     */
    public static Outcome run(final Request request, final Subject subject)
        throws IOException, EvaluationRefusedException {
        final List<ScoredTransaction> policy = new ArrayList<>();
        final List<FeatureRow> testRows = new ArrayList<>();
        final List<Integer> testIndex = new ArrayList<>();
        final long testFromMillis = ModelTrainer.millis(request.testFrom());
        final long startNanos = System.nanoTime();
        final FeatureReplay.Stats replay;
        final FeatureReplay replayer = new FeatureReplay(request.feedbackDelay(),
            ModelTrainer.millis(subject.window().trainFrom()), ModelTrainer.millis(request.testTo()));
        final FlagAudit policyFlags = new FlagAudit(FeatureReplay.rows(row -> {
            if (row.timeMillis() >= testFromMillis) {
                testIndex.add(policy.size());
                testRows.add(row);
            }
            policy.add(new ScoredTransaction(row.id(), row.card(), row.timeMillis(),
                Math.min(1.0, row.policyScore() / 1000.0), row.fraud()));
        }), testFromMillis);
        final FlagAudit modelFlags = new FlagAudit((row, outcome, inWindow) -> { }, testFromMillis);
        try {
            replay = replayer.run(request.data(), OfflineEngine.create(FeatureReplay.engineConfig(
                FeatureReplay.CARD_CAPACITY_DEFAULT)), policyFlags);
            replayer.run(request.data(), OfflineEngine.create(FeatureReplay.engineConfig(
                FeatureReplay.CARD_CAPACITY_DEFAULT, subject.scorer())), modelFlags);
        } catch (final UncheckedIOException e) {
            throw e.getCause();
        }
        final CompiledScoring.Scores compiled = CompiledScoring.score(subject.scorer(),
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

        final HandbookSplit modelSplit = HandbookSplit.split(scored, subject.window());
        final HandbookSplit policySplit = HandbookSplit.split(policy, subject.window());
        final EvaluationResult modelResult;
        final EvaluationResult policyResult;
        try {
            modelResult = EvaluationResult.of(modelSplit);
            policyResult = EvaluationResult.of(policySplit);
        } catch (final IllegalArgumentException e) {
            throw new EvaluationRefusedException("cannot evaluate on " + request.testFrom() + " to "
                + request.testTo() + " (exclusive): " + e.getMessage()
                + (replay.rejected() == 0 ? "" : "; " + replay.refusals().describe()));
        }
        if (request.scoresOut() != null) {
            writeScores(request.scoresOut(), testRows, scores);
        }
        final Path reportDirectory = request.reportDirectory() != null ? request.reportDirectory()
            : request.model().resolve(DEFAULT_REPORT_DIRECTORY);
        final ModelManifest manifest = subject.manifest();
        final Path reportPage;
        try {
            reportPage = EvaluationReport.write(reportDirectory, new ReportInput(request.model().toAbsolutePath()
                .normalize().getFileName().toString(), manifest.get(ModelManifest.KEY_ALGORITHM),
                subject.scorer().version(), manifest.get(ModelManifest.KEY_SCHEMA_ID), subject.window(),
                modelSplit.removedFromTest(), side(modelResult, modelSplit), side(policyResult, policySplit),
                compiled.importance()));
        } catch (final IOException e) {
            throw new IOException("cannot write the report in " + reportDirectory + ": " + e.getMessage(), e);
        }
        return new Outcome(subject, modelSplit, modelResult, policyResult, compiled.importance(), reportPage, seconds,
            replay, modelFlags.result(), policyFlags.result());
    }

    private static void writeScores(final Path file, final List<FeatureRow> rows, final double[] scores)
        throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("id,score\n");
            for (int i = 0; i < rows.size(); i++) {
                out.write(rows.get(i).id() + "," + String.format(Locale.ROOT, "%.6f", scores[i]) + "\n");
            }
        } catch (final IOException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static ScorerEvaluation side(final EvaluationResult result, final HandbookSplit split) {
        return new ScorerEvaluation(result.aucRoc(), result.averagePrecision(), result.cardPrecisionAt100(),
            result.atThreshold(), split.test());
    }

    /** The rows the engine refused, by reason, as JSON members; with any, the first one's line. */
    private static String refusedJson(final FeatureReplay.Stats replay) {
        final StringBuilder json = new StringBuilder("\"total\":" + replay.rejected());
        replay.refusals().byReason().forEach((reason, count) -> json.append(",\"").append(reason.name()).append("\":")
            .append(count));
        if (replay.rejected() > 0) {
            json.append(",\"first_line\":").append(replay.refusals().firstLine());
        }
        return json.toString();
    }

    /** Mean absolute contribution per feature, in score points, as JSON members in schema order. */
    private static String importanceJson(final List<FeatureImportance> importance) {
        final StringBuilder json = new StringBuilder();
        for (final FeatureImportance contribution : importance) {
            if (json.length() > 0) {
                json.append(',');
            }
            json.append(String.format(Locale.ROOT, "\"%s\":%.6f", contribution.feature(),
                contribution.meanAbsoluteContribution()));
        }
        return json.toString();
    }
}
