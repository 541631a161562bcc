package io.ringfence.benchmarks;

import io.ringfence.features.FeatureSchema;
import io.ringfence.features.FeatureVector;
import io.ringfence.models.data.GeneratedCsv;
import io.ringfence.models.training.Algorithm;
import io.ringfence.models.training.CompiledScoring;
import io.ringfence.models.training.FeatureReplay;
import io.ringfence.models.training.ModelTrainer;
import io.ringfence.models.training.TribuoRows;
import io.ringfence.scoring.Scorer;
import io.ringfence.scoring.ServingModels;
import io.ringfence.synthetic.GeneratorConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.classification.Label;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Measures one row's fraud score from the same trained model two ways: the engine's compiled scorer (the
 * {@code serving.model} that {@code ringfence train} writes, scoring with per-feature contributions as the business
 * logic does) and Tribuo's own {@code Model.predict} on an {@link Example} built beforehand.
 *
 * <p>The model is trained in setup by the tools' trainer at its default size (logistic; forest 50 trees of depth 10;
 * XGBoost 50 trees of depth 6) on days 3 to 6 of {@code ringfence generate --cards 300 --days 8 --seed 9}; both
 * sides score the held-out rows of days 7 and 8 in turn. Setup fails unless both give the same probability within
 * 1e-6 on every row, so the two figures are for the same answers.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.NO_BOUNDS_CHECKS, ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX})
public class CompiledScorerBenchmark {
    private static final LocalDate TRAIN_FROM = LocalDate.parse("2025-03-03");
    private static final LocalDate TRAIN_TO = LocalDate.parse("2025-03-07");
    private static final LocalDate TEST_TO = LocalDate.parse("2025-03-09");
    private static final Duration DELAY = Duration.ofDays(1);
    private static final double PARITY = 1e-6;

    @Param({"logistic", "forest", "xgboost"})
    public String algorithm;

    private final double[] contributions = new double[FeatureSchema.SIZE];
    private Path scratch;
    private Scorer compiled;
    private Model<Label> tribuo;
    private FeatureVector[] vectors;
    private List<Example<Label>> examples;
    private int next;

    /** Generates the data, trains the model, loads its serving form and checks the two agree on every row. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        scratch = Files.createTempDirectory("ringfence-scorer-bench");
        final Path data = scratch.resolve("traffic.csv");
        GeneratedCsv.write(new GeneratorConfig(300, 8, 9, GeneratorConfig.FIRST_DAY_DEFAULT), data);
        final Path model = scratch.resolve("model");
        tribuo = ModelTrainer.train(data, TRAIN_FROM, TRAIN_TO,
            ModelTrainer.Settings.of(Algorithm.of(algorithm), 3, DELAY), model).model();
        compiled = ServingModels.load(model);

        final List<double[]> rows = new ArrayList<>();
        new FeatureReplay(DELAY, ModelTrainer.millis(TRAIN_TO), ModelTrainer.millis(TEST_TO))
            .run(data, row -> rows.add(row.features()));
        vectors = new FeatureVector[rows.size()];
        examples = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            vectors[i] = new FeatureVector();
            CompiledScoring.fill(vectors[i], rows.get(i));
            examples.add(TribuoRows.unlabelled(rows.get(i)));
        }
        final double[] reference = TribuoRows.fraudScores(tribuo, rows);
        for (int i = 0; i < rows.size(); i++) {
            final double served = CompiledScoring.probability(compiled, vectors[i]);
            if (Math.abs(served - reference[i]) > PARITY) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                    "row %d: compiled %.9f, Tribuo %.9f", i, served, reference[i]));
            }
        }
        System.out.printf(Locale.ROOT, "%n%s: %d held-out rows, compiled and Tribuo agree within %.0e%n",
            compiled.version(), rows.size(), PARITY);
    }

    /** Removes the generated data and the model directory. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(scratch)) {
            for (final Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** The engine's compiled scorer: score 0..1000 and each feature's contribution, for one row, in ns/op. */
    @Benchmark
    public int compiledScore() {
        final FeatureVector row = vectors[next];
        next = next + 1 == vectors.length ? 0 : next + 1;
        Arrays.fill(contributions, 0.0);
        return compiled.score(row, contributions);
    }

    /** Tribuo's {@code Model.predict} of the same model on one prebuilt example, in ns/op. */
    @Benchmark
    public Object tribuoPredict() {
        final Example<Label> row = examples.get(next);
        next = next + 1 == vectors.length ? 0 : next + 1;
        return tribuo.predict(row);
    }
}
