package io.ringfence.models.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.Engine;
import io.ringfence.EngineConfig;
import io.ringfence.api.Decision;
import io.ringfence.features.FeatureSchema;
import io.ringfence.features.FeatureVector;
import io.ringfence.models.data.CsvReplayReader;
import io.ringfence.models.data.GeneratedCsv;
import io.ringfence.models.data.ReplayRow;
import io.ringfence.scoring.Scorer;
import io.ringfence.scoring.ServingModels;
import io.ringfence.synthetic.GeneratorConfig;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.Hinge;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training-to-serving parity: for each algorithm, the {@code serving.model} that {@code train} writes, loaded as the
 * engine loads it, gives Tribuo's {@code predict} fraud probability within 1e-6 on every held-out row (the days after
 * the training window), on a row of all zeros, and on rows moved onto, just below and just above every split
 * threshold of every tree, where a wrong split rule or a float32 rounding slip would send a row the other way.
 */
class ServingParityTest {
    private static final double TOLERANCE = 1e-6;
    private static final LocalDate TRAIN_FROM = LocalDate.parse("2025-03-03");
    private static final LocalDate TRAIN_TO = LocalDate.parse("2025-03-06");
    private static final LocalDate TEST_FROM = LocalDate.parse("2025-03-07");
    private static final LocalDate TEST_TO = LocalDate.parse("2025-03-09");
    private static final Duration DELAY = Duration.ofDays(1);

    @TempDir
    static Path shared;
    static Path data;
    static List<double[]> heldOut;

    @TempDir
    Path dir;

    @BeforeAll
    static void generateAndReplay() throws IOException {
        data = shared.resolve("traffic.csv");
        GeneratedCsv.write(new GeneratorConfig(300, 8, 9, GeneratorConfig.FIRST_DAY_DEFAULT), data);
        final List<double[]> rows = new ArrayList<>();
        new FeatureReplay(DELAY, ModelTrainer.millis(TEST_FROM), ModelTrainer.millis(TEST_TO))
            .run(data, row -> rows.add(row.features()));
        heldOut = List.copyOf(rows);
        assertTrue(heldOut.size() > 500, "held-out rows " + heldOut.size());
    }

    @Test
    void logisticServesTribuosProbabilities() throws IOException {
        final Model<Label> model = trainAndCheckFile(ModelTrainer.Settings.of(Algorithm.LOGISTIC, 3, DELAY));
        assertParity("logistic", model, withZeroRow(heldOut));
    }

    @Test
    void forestServesTribuosProbabilitiesIncludingAroundEveryFloatSplit() throws IOException, XGBoostError {
        final Model<Label> model = trainAndCheckFile(new ModelTrainer.Settings(Algorithm.FOREST, 3, DELAY, 6, 5));
        assertXGBoostParity("forest", model, 20);
    }

    @Test
    void xgboostServesTribuosProbabilitiesIncludingAroundEveryFloatSplit() throws IOException, XGBoostError {
        assertXGBoostParity("xgboost", trainAndCheckFile(ModelTrainer.Settings.of(Algorithm.XGBOOST, 3, DELAY)), 100);
    }

    /** Parity on the held-out rows and around every split of the booster's trees, each split exercised. */
    private void assertXGBoostParity(final String algorithm, final Model<Label> model, final int minimumSplits)
        throws IOException, XGBoostError {
        final ImmutableFeatureMap featureMap = model.getFeatureIDMap();
        final Booster booster = ((XGBoostModel<Label>)model).getInnerModels().get(0);
        final JsonNode trees = new ObjectMapper().readTree(booster.toByteArray("json"))
            .path("learner").path("gradient_booster").path("model").path("trees");
        booster.dispose();
        final List<double[]> probes = new ArrayList<>();
        int splits = 0;
        for (final JsonNode tree : trees) {
            for (int node = 0; node < tree.path("left_children").size(); node++) {
                if (tree.path("left_children").get(node).asInt() == -1) {
                    continue;
                }
                final int feature = FeatureSchema.names().indexOf(
                    featureMap.get(tree.path("split_indices").get(node).asInt()).getName());
                // XGBoost compares (float) x < split: probe the split, the float below it, and the double midpoint
                // between them (where float rounding turns) with its neighbours.
                final float split = Float.parseFloat(tree.path("split_conditions").get(node).asText());
                final float below = Math.nextDown(split);
                final double midpoint = ((double)below + split) / 2.0;
                probes.addAll(probeRows(feature, splits++, below, Math.nextDown(midpoint), midpoint,
                    Math.nextUp(midpoint), split));
            }
        }
        assertTrue(splits > minimumSplits, "splits " + splits);
        assertParity(algorithm, model, withZeroRow(concat(heldOut, probes)));
        assertSplitsAreExercised(model, probes, 5);
    }

    @Test
    void theServingFileLoadsIntoARunningEngineAndNamesItsVersion()
        throws IOException, ModelTrainer.NothingToLearnException {
        final Path model = dir.resolve("march-fraud");
        ModelTrainer.train(data, TRAIN_FROM, TRAIN_TO, ModelTrainer.Settings.of(Algorithm.LOGISTIC, 1, DELAY), model);
        final EngineConfig config = EngineConfig.builder().developmentFingerprintKey().trustEventTimes().cardCapacity(4096)
            .merchantCapacity(4096).terminalCapacity(4096).tokenCapacity(1024).build();
        try (Engine engine = Engine.start(config); CsvReplayReader reader = CsvReplayReader.open(data)) {
            assertTrue(engine.loadModel(model).isApplied());
            final Decision decision = engine.authorize(reader.next().request(), Duration.ofSeconds(30));
            assertEquals("march-fraud/logistic", decision.scorerVersion());
        }
    }

    @Test
    void modelsWithoutAServingFormAreRefusedByName() {
        final LabelFactory labels = new LabelFactory();
        final MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance("parity", labels),
            labels);
        final SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            final double[] row = heldOut.get(i);
            dataset.add(TribuoRows.example(new FeatureRow("r" + i, "c", 0, row, random.nextInt(4) == 0
                ? ReplayRow.Label.FRAUD : ReplayRow.Label.GENUINE, 0)));
        }
        final Model<Label> tree = new CARTClassificationTrainer(3).train(dataset);
        final IllegalArgumentException single = assertThrows(IllegalArgumentException.class,
            () -> ServingCompiler.compile(tree, "t/tree"));
        assertTrue(single.getMessage().contains("no serving form for a TreeModel"), single.getMessage());
        final Model<Label> svm = new LinearSGDTrainer(new Hinge(), new AdaGrad(0.1), 1, 1).train(dataset);
        final IllegalArgumentException hinge = assertThrows(IllegalArgumentException.class,
            () -> ServingCompiler.compile(svm, "t/svm"));
        assertTrue(hinge.getMessage().contains("not softmax"), hinge.getMessage());
    }

    @Test
    void xgboostThresholdsSendExactlyTheDoublesWhoseFloatIsBelowTheSplitLeft() {
        final SplittableRandom random = new SplittableRandom(4);
        final float[] splits = {0f, 1f, -1f, 0.5f, 1e-30f, Float.MIN_VALUE, -Float.MIN_VALUE, 16_777_216f, 3.4e38f};
        for (int i = 0; i < 10_000 + splits.length; i++) {
            final float split = i < splits.length ? splits[i] : Float.intBitsToFloat(random.nextInt());
            if (!Float.isFinite(split)) {
                continue;
            }
            final double threshold = ServingCompiler.atMostThreshold(split);
            assertTrue((float)threshold < split, "at " + threshold + " for split " + split);
            assertTrue(!((float)Math.nextUp(threshold) < split), "above " + threshold + " for split " + split);
        }
    }

    /** Trains into a directory; checks the serving file is the compiled model and the manifest names it. */
    private Model<Label> trainAndCheckFile(final ModelTrainer.Settings settings) throws IOException {
        final Path model = dir.resolve("m");
        final ModelTrainer.Result result;
        try {
            result = ModelTrainer.train(data, TRAIN_FROM, TRAIN_TO, settings, model);
        } catch (final ModelTrainer.NothingToLearnException e) {
            throw new AssertionError(e);
        }
        final String version = "m/" + settings.algorithm().cliName();
        final ServingModels.Loaded loaded = ServingModels.read(model);
        assertEquals(version, loaded.scorer().version());
        assertEquals(version, result.manifest().get(ModelManifest.KEY_SERVING_VERSION));
        assertEquals(loaded.sha256Hex(), result.manifest().get(ModelManifest.KEY_SERVING_SHA256));
        assertArrayEquals(Files.readAllBytes(loaded.file()),
            ServingModels.toBytes(ServingCompiler.compile(result.model(), version)), "compiling is deterministic");
        return ModelTrainer.load(model);
    }

    /** Compares the serving file's probabilities with the Tribuo model's on every row. */
    private void assertParity(final String algorithm, final Model<Label> model, final List<double[]> rows)
        throws IOException {
        final Scorer serving = ServingModels.load(dir.resolve("m"));
        final double[] tribuo = TribuoRows.fraudScores(model, rows);
        final FeatureVector vector = new FeatureVector();
        double maxError = 0.0;
        int worst = -1;
        for (int i = 0; i < rows.size(); i++) {
            CompiledScoring.fill(vector, rows.get(i));
            final double error = Math.abs(CompiledScoring.probability(serving, vector) - tribuo[i]);
            if (!(error <= maxError)) {
                maxError = error;
                worst = i;
            }
        }
        System.out.printf("serving parity %s: %d rows, max |compiled - tribuo| = %.3e%n", algorithm, rows.size(),
            maxError);
        assertTrue(maxError <= TOLERANCE, algorithm + ": row " + worst + " differs by " + maxError + " (tribuo "
            + (worst < 0 ? "?" : tribuo[worst]) + ")");
    }

    /**
     * The probes mean something only if crossing a threshold changes Tribuo's answer: each split's probe rows are
     * consecutive, and some must disagree.
     */
    private static void assertSplitsAreExercised(final Model<Label> model, final List<double[]> probes,
                                                 final int perSplit) {
        final double[] scores = TribuoRows.fraudScores(model, probes);
        int turning = 0;
        for (int s = 0; s + perSplit <= scores.length; s += perSplit) {
            if (scores[s] != scores[s + perSplit - 1]) {
                turning++;
            }
        }
        assertTrue(turning > 0, "no split's probes changed Tribuo's prediction");
    }

    /** A held-out row (chosen by the split's number) with one feature set to each value. */
    private static List<double[]> probeRows(final int feature, final int split, final double... values) {
        final List<double[]> rows = new ArrayList<>(values.length);
        for (final double value : values) {
            final double[] row = heldOut.get(split % heldOut.size()).clone();
            row[feature] = value;
            rows.add(row);
        }
        return rows;
    }

    private static List<double[]> withZeroRow(final List<double[]> rows) {
        return concat(rows, List.of(new double[FeatureSchema.SIZE]));
    }

    private static List<double[]> concat(final List<double[]> first, final List<double[]> second) {
        final List<double[]> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
