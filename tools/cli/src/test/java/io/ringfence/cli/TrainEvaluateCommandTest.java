package io.ringfence.cli;

import io.ringfence.cli.RingfenceCli;
import io.ringfence.features.FeatureSchema;
import io.ringfence.models.ModelEvaluation;
import io.ringfence.models.report.EvaluationReport;
import io.ringfence.models.training.ModelManifest;
import io.ringfence.models.training.ModelTrainer;
import io.ringfence.scoring.LinearModelScorer;
import io.ringfence.scoring.ServingModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ringfence train} and {@code ringfence evaluate} on a small generated file. */
class TrainEvaluateCommandTest {
    private static final String TRAIN_FROM = "2025-03-04";
    private static final String TRAIN_TO = "2025-03-08";
    private static final String TEST_FROM = "2025-03-09";
    private static final String TEST_TO = "2025-03-13";

    @TempDir
    static Path shared;
    static Path data;

    @TempDir
    Path dir;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @BeforeAll
    static void generate() {
        data = shared.resolve("traffic.csv");
        final StringWriter err = new StringWriter();
        assertEquals(0, RingfenceCli.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "generate",
            "--cards", "500", "--days", "10", "--seed", "3", "--out", data.toString()), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"logistic", "forest", "xgboost"})
    void trainsEachAlgorithmIntoAModelDirectory(final String algorithm) throws IOException {
        final Path model = dir.resolve("models").resolve(algorithm);
        assertEquals(0, train(model, algorithm, "7"), err.toString());
        assertTrue(out.toString().startsWith("trained " + algorithm), out.toString());
        for (final String file : List.of(ModelManifest.FILE, ModelManifest.MODEL_FILE, ServingModels.FILE_NAME,
            ModelManifest.PROVENANCE_JSON, ModelManifest.PROVENANCE_TEXT)) {
            assertTrue(Files.size(model.resolve(file)) > 0, file);
        }
        final ModelManifest manifest = ModelManifest.read(model);
        assertEquals(FeatureSchema.ID, manifest.get(ModelManifest.KEY_SCHEMA_ID));
        assertEquals(String.join(",", FeatureSchema.names()), manifest.get(ModelManifest.KEY_FEATURE_NAMES));
        assertEquals(Integer.toString(FeatureSchema.VERSION), manifest.get(ModelManifest.KEY_SCHEMA_VERSION));
        assertEquals(algorithm, manifest.get(ModelManifest.KEY_ALGORITHM));
        assertEquals("7", manifest.get(ModelManifest.KEY_SEED));
        assertEquals(algorithm + "/" + algorithm, manifest.get(ModelManifest.KEY_SERVING_VERSION));
        assertEquals(ServingModels.read(model).sha256Hex(), manifest.get(ModelManifest.KEY_SERVING_SHA256));
        assertEquals(algorithm.equals("forest") ? "4" : algorithm.equals("xgboost") ? "50" : null,
            manifest.get(ModelManifest.KEY_TREES));
        assertEquals(algorithm.equals("forest") ? "5" : algorithm.equals("xgboost") ? "6" : null,
            manifest.get(ModelManifest.KEY_MAX_DEPTH));
        assertEquals(TRAIN_FROM, manifest.get(ModelManifest.KEY_TRAIN_FROM));
        assertEquals(TRAIN_TO, manifest.get(ModelManifest.KEY_TRAIN_TO));
        assertTrue(Long.parseLong(manifest.get(ModelManifest.KEY_ROWS)) > 1000);
        assertTrue(Long.parseLong(manifest.get(ModelManifest.KEY_FRAUD)) > 0);
        assertTrue(Long.parseLong(manifest.get(ModelManifest.KEY_WARM_UP)) > 0, "the first day warms the state");
        final double auc = Double.parseDouble(manifest.get(ModelManifest.KEY_AUC));
        assertTrue(auc > 0.5 && auc <= 1.0, "training AUC " + auc);
        assertTrue(Files.readString(model.resolve(ModelManifest.PROVENANCE_JSON)).contains("tribuo"));
        assertEquals(Integer.toString(FeatureSchema.SIZE), manifest.get(ModelManifest.KEY_FEATURE_COUNT));
        assertTrue(ModelTrainer.load(model).getFeatureIDMap().size() <= FeatureSchema.SIZE);

        final Path scores = dir.resolve("scores.csv");
        reset();
        assertEquals(0, evaluate(model, "--json", "--scores-out", scores.toString()), err.toString());
        final String json = out.toString().strip();
        assertTrue(json.startsWith("{") && json.endsWith("}") && json.lines().count() == 1, json);
        assertTrue(json.contains("\"serving_version\":\"" + algorithm + "/" + algorithm + "\""), json);
        assertTrue(json.contains("\"feature_importance\":{\"" + FeatureSchema.names().get(0) + "\":"), json);
        for (final String key : List.of("auc_roc", "average_precision", "card_precision_at_100",
            "precision_at_threshold", "recall_at_threshold", "false_positive_rate_at_threshold")) {
            final Matcher m = Pattern.compile("\"" + key + "\":([0-9.eE+-]+)").matcher(json);
            assertTrue(m.find(), key + " in " + json);
            final double value = Double.parseDouble(m.group(1));
            assertTrue(value >= 0.0 && value <= 1.0, key + " = " + value);
        }
        final List<String> lines = Files.readAllLines(scores);
        assertEquals("id,score", lines.get(0));
        assertTrue(lines.size() > 1000);
        for (final String line : lines.subList(1, lines.size())) {
            final double score = Double.parseDouble(line.substring(line.indexOf(',') + 1));
            assertTrue(score >= 0.0 && score <= 1.0, line);
        }

        final Path defaultReport = model.resolve(ModelEvaluation.DEFAULT_REPORT_DIRECTORY);
        assertReport(defaultReport);

        reset();
        final Path namedReport = dir.resolve("report-elsewhere");
        assertEquals(0, evaluate(model, "--report", namedReport.toString()), err.toString());
        assertTrue(out.toString().contains("built-in policy AUC ROC"), out.toString());
        assertTrue(out.toString().contains("report " + namedReport.resolve(EvaluationReport.HTML_FILE)),
            out.toString());
        assertReport(namedReport);
    }

    private static void assertReport(final Path directory) throws IOException {
        final String html = Files.readString(directory.resolve(EvaluationReport.HTML_FILE));
        for (final String chart : List.of(EvaluationReport.ROC_FILE, EvaluationReport.PRECISION_RECALL_FILE,
            EvaluationReport.SCORES_FILE, EvaluationReport.IMPORTANCE_FILE)) {
            assertTrue(html.contains(chart), chart + " not linked from the report");
            assertTrue(Files.size(directory.resolve(chart)) > 1000, chart);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"logistic", "forest", "xgboost"})
    void theSameSeedGivesTheSameScores(final String algorithm) throws IOException {
        final Path first = dir.resolve("a");
        final Path second = dir.resolve("b");
        assertEquals(0, train(first, algorithm, "11"), err.toString());
        assertEquals(0, train(second, algorithm, "11"), err.toString());
        final Path firstScores = dir.resolve("a.csv");
        final Path secondScores = dir.resolve("b.csv");
        assertEquals(0, evaluate(first, "--json", "--scores-out", firstScores.toString()), err.toString());
        assertEquals(0, evaluate(second, "--json", "--scores-out", secondScores.toString()), err.toString());
        assertEquals(Files.readString(firstScores), Files.readString(secondScores));
    }

    @Test
    void badCommandLinesExitTwoWithOneLine() {
        final Path model = dir.resolve("m");
        assertUsage(RingfenceCli.run(pw(out), pw(err), "train", "--data", data.toString(), "--from", TRAIN_FROM,
            "--to", TRAIN_TO, "--algorithm", "svm", "--out", model.toString()));
        assertUsage(RingfenceCli.run(pw(out), pw(err), "train", "--data", data.toString(), "--from", TRAIN_TO,
            "--to", TRAIN_FROM, "--algorithm", "logistic", "--out", model.toString()));
        assertUsage(RingfenceCli.run(pw(out), pw(err), "train", "--data", data.toString(), "--from", "March",
            "--to", TRAIN_TO, "--algorithm", "logistic", "--out", model.toString()));
        assertUsage(RingfenceCli.run(pw(out), pw(err), "train", "--data", data.toString(), "--from", TRAIN_FROM,
            "--to", TRAIN_TO, "--algorithm", "logistic", "--out", model.toString(), "--feedback-delay", "7x"));
        assertUsage(RingfenceCli.run(pw(out), pw(err), "train", "--data", data.toString(), "--from", TRAIN_FROM,
            "--to", TRAIN_TO, "--algorithm", "logistic"));
        assertUsage(RingfenceCli.run(pw(out), pw(err), "evaluate", "--model", model.toString(), "--data",
            data.toString(), "--from", TEST_FROM));
        assertUsage(RingfenceCli.run(pw(out), pw(err), "train", "--data", data.toString(), "--from", TRAIN_FROM,
            "--to", TRAIN_TO, "--algorithm", "logistic", "--out", model.toString(), "--trees", "5"));
        assertUsage(RingfenceCli.run(pw(out), pw(err), "train", "--data", data.toString(), "--from", TRAIN_FROM,
            "--to", TRAIN_TO, "--algorithm", "forest", "--out", model.toString(), "--max-depth", "0"));
    }

    @Test
    void evaluatingBeforeTheTrainingWindowEndsIsAUsageError() {
        final Path model = dir.resolve("m");
        assertEquals(0, train(model, "logistic", "1"), err.toString());
        reset();
        assertUsage(RingfenceCli.run(pw(out), pw(err), "evaluate", "--model", model.toString(), "--data",
            data.toString(), "--from", TRAIN_FROM, "--to", TEST_TO));
    }

    @Test
    void missingOrCorruptDataExitsOneWithOneLine() throws IOException {
        final Path model = dir.resolve("m");
        assertFailure(train(model, "logistic", "1", dir.resolve("absent.csv")), "absent.csv");
        final Path corrupt = dir.resolve("corrupt.csv");
        Files.writeString(corrupt, "timestamp,card,amount,channel,label\n2025-03-04T00:00:00Z,card-1,12.00,XX,0\n");
        assertFailure(train(model, "logistic", "1", corrupt), "corrupt.csv");
        final Path headerless = dir.resolve("headerless.csv");
        Files.writeString(headerless, "");
        assertFailure(train(model, "logistic", "1", headerless), "headerless.csv");
        assertFailure(RingfenceCli.run(pw(out), pw(err), "evaluate", "--model", dir.resolve("nomodel").toString(),
            "--data", data.toString(), "--from", TEST_FROM, "--to", TEST_TO), "nomodel");
        assertEquals(0, train(model, "logistic", "1"), err.toString());
        reset();
        assertFailure(RingfenceCli.run(pw(out), pw(err), "evaluate", "--model", model.toString(), "--data",
            corrupt.toString(), "--from", TEST_FROM, "--to", TEST_TO), "corrupt.csv");
        Files.writeString(model.resolve(ServingModels.FILE_NAME), "not a model");
        assertFailure(RingfenceCli.run(pw(out), pw(err), "evaluate", "--model", model.toString(), "--data",
            data.toString(), "--from", TEST_FROM, "--to", TEST_TO), "is not a Ringfence serving model");
        ServingModels.write(model.resolve(ServingModels.FILE_NAME), new LinearModelScorer("other/logistic",
            FeatureSchema.ID, 0.0, new double[FeatureSchema.SIZE], null, null));
        assertFailure(RingfenceCli.run(pw(out), pw(err), "evaluate", "--model", model.toString(), "--data",
            data.toString(), "--from", TEST_FROM, "--to", TEST_TO), "has changed since training");
        Files.delete(model.resolve(ServingModels.FILE_NAME));
        assertFailure(RingfenceCli.run(pw(out), pw(err), "evaluate", "--model", model.toString(), "--data",
            data.toString(), "--from", TEST_FROM, "--to", TEST_TO), ServingModels.FILE_NAME);
    }

    @Test
    void aWindowWithoutFraudIsRefused() {
        assertFailure(RingfenceCli.run(pw(out), pw(err), "train", "--data", data.toString(), "--from", "2030-01-01",
            "--to", "2030-01-02", "--algorithm", "logistic", "--out", dir.resolve("m").toString()), "no transactions");
    }

    @Test
    void aFileWithOnlyTheHandbooksColumnsTrainsAndEvaluatesAndSaysWhatTheEngineRefused() throws IOException {
        final Path plain = dir.resolve("plain.csv");
        Files.write(plain, handbookColumns(Files.readAllLines(data)));
        final Path model = dir.resolve("plain-model");
        assertEquals(0, train(model, "logistic", "1", plain), err.toString());
        assertTrue(out.toString().contains("rows refused by the engine (CNP_WITHOUT_SIGNALS "), out.toString());
        assertTrue(out.toString().contains("the first at line "), out.toString());
        reset();
        assertEquals(0, RingfenceCli.run(pw(out), pw(err), "evaluate", "--model", model.toString(), "--data",
            plain.toString(), "--from", TEST_FROM, "--to", TEST_TO, "--feedback-delay", "1d"), err.toString());
        assertTrue(out.toString().contains("rows refused by the engine (CNP_WITHOUT_SIGNALS "), out.toString());
    }

    @Test
    void aWindowInWhichTheEngineRefusesEveryRowFailsWithTheReasonAndTheFirstLine() throws IOException {
        final Path online = dir.resolve("online-without-signals.csv");
        Files.writeString(online, "timestamp,card,amount,channel,merchant,label\n"
            + "2025-03-04T10:00:00Z,C1,10.00,CNP,M1,1\n2025-03-04T11:00:00Z,C2,10.00,CNP,M1,0\n");
        assertFailure(train(dir.resolve("m"), "logistic", "1", online),
            "2 rows refused by the engine (CNP_WITHOUT_SIGNALS 2), the first at line 2");
    }

    @Test
    void theHandbookProfileTrainsAndEvaluatesWithoutARefusedRow() {
        final Path handbook = dir.resolve("handbook.csv");
        assertEquals(0, RingfenceCli.run(pw(out), pw(err), "generate", "--profile", "handbook", "--cards", "500",
            "--terminals", "1000", "--days", "30", "--seed", "2", "--out", handbook.toString()), err.toString());
        final Path model = dir.resolve("handbook-model");
        reset();
        assertEquals(0, RingfenceCli.run(pw(out), pw(err), "train", "--data", handbook.toString(), "--from",
            "2018-04-09", "--to", "2018-04-16", "--algorithm", "logistic", "--out", model.toString()), err.toString());
        assertFalse(out.toString().contains("refused"), out.toString());
        reset();
        assertEquals(0, RingfenceCli.run(pw(out), pw(err), "evaluate", "--model", model.toString(), "--data",
            handbook.toString(), "--from", "2018-04-23", "--to", "2018-04-30", "--json"), err.toString());
        assertTrue(out.toString().contains("\"refused_rows\":{\"total\":0}"), out.toString());
    }

    /**
     * The generated file as a plain export has it: opaque card references instead of card numbers, the columns
     * {@code id, timestamp, card, channel, amount, currency, merchant, terminal, label}, and an account verification
     * (0.00) every 50 rows.
     */
    private static List<String> handbookColumns(final List<String> generated) {
        final List<String> header = List.of(generated.get(0).split(","));
        final int[] columns = {header.indexOf("id"), header.indexOf("timestamp"), header.indexOf("card"),
            header.indexOf("channel"), header.indexOf("amount"), header.indexOf("currency"), header.indexOf("merchant"),
            header.indexOf("terminal"), header.indexOf("label")};
        final Map<String, String> references = new HashMap<>();
        final List<String> lines = new ArrayList<>(List.of("id,timestamp,card,channel,amount,currency,merchant,"
            + "terminal,label"));
        for (int i = 1; i < generated.size(); i++) {
            final String[] fields = generated.get(i).split(",", -1);
            fields[columns[2]] = references.computeIfAbsent(fields[columns[2]], pan -> "C" + references.size());
            if (i % 50 == 0) {
                fields[columns[4]] = "0.00";
            }
            final StringJoiner line = new StringJoiner(",");
            for (final int column : columns) {
                line.add(fields[column]);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private int train(final Path model, final String algorithm, final String seed) {
        return train(model, algorithm, seed, data);
    }

    /** Forests are kept small (4 trees of depth 5): Tribuo's CART takes about a minute for the default 50 here. */
    private int train(final Path model, final String algorithm, final String seed, final Path file) {
        final String[] base = {"train", "--data", file.toString(), "--from", TRAIN_FROM, "--to", TRAIN_TO,
            "--algorithm", algorithm, "--out", model.toString(), "--seed", seed, "--feedback-delay", "1d"};
        final String[] args = algorithm.equals("forest") ? concat(base, "--trees", "4", "--max-depth", "5") : base;
        return RingfenceCli.run(pw(out), pw(err), args);
    }

    private int evaluate(final Path model, final String... more) {
        return RingfenceCli.run(pw(out), pw(err), concat(new String[] {"evaluate", "--model", model.toString(),
            "--data", data.toString(), "--from", TEST_FROM, "--to", TEST_TO, "--feedback-delay", "1d"}, more));
    }

    private static String[] concat(final String[] base, final String... more) {
        final String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return args;
    }

    private void assertUsage(final int code) {
        assertEquals(RingfenceCli.USAGE_ERROR, code, err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        reset();
    }

    private void assertFailure(final int code, final String mentions) {
        assertEquals(1, code, err.toString());
        final String message = err.toString().strip();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains(mentions), message);
        reset();
    }

    private void reset() {
        out = new StringWriter();
        err = new StringWriter();
    }

    private static PrintWriter pw(final StringWriter writer) {
        return new PrintWriter(writer, true);
    }
}
