package io.ringfence.models.training;

import com.oracle.labs.mlrg.olcut.config.json.JsonProvenanceSerialization;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import io.ringfence.features.FeatureSchema;
import io.ringfence.models.evaluation.Metrics;
import io.ringfence.models.evaluation.ScoredTransaction;
import io.ringfence.scoring.Scorer;
import io.ringfence.scoring.ServingModels;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Tribuo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Trains a model on a replay file's window and writes its directory: {@value ModelManifest#MODEL_FILE} (Tribuo's
 * protobuf serialisation, {@link Model#serializeToFile}), {@value ServingModels#FILE_NAME} (the compiled form the
 * engine scores with, from {@link ServingCompiler}), {@value ModelManifest#PROVENANCE_JSON} (the model's
 * provenance, marshalled by OLCUT), {@value ModelManifest#PROVENANCE_TEXT} (the same, readable) and
 * {@value ModelManifest#FILE}.
 *
 * <p>The serving model's version, which every decision it scores names, is {@code DIR/ALGORITHM}: the model
 * directory's name and the algorithm (see {@link #servingVersion}). The training-set metrics in the manifest are the
 * serving model's.
 */
public final class ModelTrainer {
    private static final long DAY_MILLIS = 86_400_000L;

    private ModelTrainer() {
    }

    /**
     * How to train.
     *
     * @param algorithm     the model family
     * @param seed          the training seed
     * @param feedbackDelay when fraud reports reach the engine after the fraud
     * @param trees         tree models: the number of trees (xgboost: boosting rounds); 0 for logistic
     * @param maxDepth      tree models: the maximum tree depth; 0 for logistic
     */
    public record Settings(Algorithm algorithm, long seed, Duration feedbackDelay, int trees, int maxDepth) {
        public Settings {
            if (algorithm.growsTrees() && (trees < 1 || maxDepth < 1)) {
                throw new IllegalArgumentException("a " + algorithm.cliName() + " needs at least one tree of depth"
                    + " at least 1 (asked for " + trees + " of depth " + maxDepth + ")");
            }
        }

        /** The algorithm's default tree count and depth. */
        public static Settings of(final Algorithm algorithm, final long seed, final Duration feedbackDelay) {
            return new Settings(algorithm, seed, feedbackDelay, algorithm.defaultTrees(), algorithm.defaultMaxDepth());
        }
    }

    /** What a training produced; {@code replay} says what the replay read, and what the engine refused. */
    public record Result(Model<Label> model, ModelManifest manifest, long rows, long fraudRows, double seconds,
                         FeatureReplay.Stats replay) {
    }

    /** The training set had nothing to learn from. */
    public static final class NothingToLearnException extends Exception {
        private static final long serialVersionUID = 1L;

        NothingToLearnException(final String message) {
            super(message);
        }
    }

    /**
     * Replays {@code data} (history before {@code from} warms the state), trains on {@code [from, to)} and writes
     * the model directory {@code out} (created; files in it replaced).
     *
     * @throws NothingToLearnException when the window has no rows, or no fraud, or only fraud
     * @throws IOException             when the data cannot be read or the directory written
     */
    public static Result train(final Path data, final LocalDate from, final LocalDate to, final Settings settings,
                               final Path out)
        throws IOException, NothingToLearnException {
        final Algorithm algorithm = settings.algorithm();
        final Duration feedbackDelay = settings.feedbackDelay();
        final long startNanos = System.nanoTime();
        final LabelFactory labels = new LabelFactory();
        final MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance(
            "ringfence replay of " + data.getFileName() + " from " + from + " to " + to + " (exclusive), feedback delay "
                + feedbackDelay, from.atStartOfDay().atOffset(ZoneOffset.UTC), labels), labels);
        final List<FeatureRow> rows = new ArrayList<>();
        final FeatureReplay.Stats stats = new FeatureReplay(feedbackDelay, millis(from), millis(to))
            .run(data, row -> {
                rows.add(row);
                dataset.add(TribuoRows.example(row));
            });
        final long frauds = rows.stream().filter(FeatureRow::fraud).count();
        if (rows.isEmpty()) {
            throw new NothingToLearnException("no transactions in " + data + " from " + from + " to " + to
                + " (exclusive)" + (stats.rejected() == 0 ? "" : " that the engine accepted: "
                + stats.refusals().describe()));
        }
        if (frauds == 0 || frauds == rows.size()) {
            throw new NothingToLearnException("the training window " + from + " to " + to + " has "
                + (frauds == 0 ? "no fraud" : "only fraud") + " among its " + rows.size() + " transactions");
        }
        final Model<Label> model = algorithm.trainer(settings.seed(), constantFeatures(rows), settings.trees(),
            settings.maxDepth()).train(dataset);
        final Scorer serving = ServingCompiler.compile(model, servingVersion(out, algorithm));
        final double seconds = (System.nanoTime() - startNanos) / 1e9;

        final double[] scores = CompiledScoring.score(serving, rows.stream().map(FeatureRow::features).toList())
            .probabilities();
        final List<ScoredTransaction> scored = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            final FeatureRow row = rows.get(i);
            scored.add(new ScoredTransaction(row.id(), row.card(), row.timeMillis(), scores[i], row.fraud()));
        }

        final Map<String, String> values = new TreeMap<>(ModelManifest.schemaEntries());
        values.put(ModelManifest.KEY_ALGORITHM, algorithm.cliName());
        values.put(ModelManifest.KEY_SEED, Long.toString(settings.seed()));
        if (algorithm.growsTrees()) {
            values.put(ModelManifest.KEY_TREES, Integer.toString(settings.trees()));
            values.put(ModelManifest.KEY_MAX_DEPTH, Integer.toString(settings.maxDepth()));
        }
        values.put(ModelManifest.KEY_TRAIN_FROM, from.toString());
        values.put(ModelManifest.KEY_TRAIN_TO, to.toString());
        values.put(ModelManifest.KEY_DELAY, feedbackDelay.toString());
        values.put(ModelManifest.KEY_DATA, data.getFileName().toString());
        values.put(ModelManifest.KEY_ROWS, Long.toString(rows.size()));
        values.put(ModelManifest.KEY_FRAUD, Long.toString(frauds));
        values.put(ModelManifest.KEY_WARM_UP, Long.toString(stats.warmUpRows()));
        values.put(ModelManifest.KEY_REFUSED, Long.toString(stats.rejected()));
        values.put(ModelManifest.KEY_SECONDS, String.format(Locale.ROOT, "%.3f", seconds));
        values.put(ModelManifest.KEY_AUC, String.format(Locale.ROOT, "%.6f", Metrics.aucRoc(scored)));
        values.put(ModelManifest.KEY_AP, String.format(Locale.ROOT, "%.6f", Metrics.averagePrecision(scored)));
        values.put(ModelManifest.KEY_TRIBUO, Tribuo.VERSION);
        values.put(ModelManifest.KEY_IMBALANCE, "none (unweighted, not resampled)");

        Files.createDirectories(out);
        model.serializeToFile(out.resolve(ModelManifest.MODEL_FILE));
        final Path servingFile = out.resolve(ServingModels.FILE_NAME);
        ServingModels.write(servingFile, serving);
        values.put(ModelManifest.KEY_SERVING_FILE, ServingModels.FILE_NAME);
        values.put(ModelManifest.KEY_SERVING_VERSION, serving.version());
        values.put(ModelManifest.KEY_SERVING_SHA256, ServingModels.read(servingFile).sha256Hex());
        final ModelManifest manifest = new ModelManifest(values);
        final String json = new JsonProvenanceSerialization(true)
            .serializeToString(ProvenanceUtil.marshalProvenance(model.getProvenance()));
        Files.writeString(out.resolve(ModelManifest.PROVENANCE_JSON), json, StandardCharsets.UTF_8);
        Files.writeString(out.resolve(ModelManifest.PROVENANCE_TEXT), model.getProvenance().toString() + "\n",
            StandardCharsets.UTF_8);
        manifest.write(out);
        return new Result(model, manifest, rows.size(), frauds, seconds, stats);
    }

    /**
     * The version a model directory's serving model carries: {@code NAME/ALGORITHM}, NAME the directory's name (so
     * {@code models/fraud-2025-03} trained with xgboost is {@code fraud-2025-03/xgboost}).
     */
    public static String servingVersion(final Path directory, final Algorithm algorithm) {
        final Path name = directory.toAbsolutePath().normalize().getFileName();
        return (name == null ? "model" : name.toString()) + "/" + algorithm.cliName();
    }

    /** Loads a model written by {@link #train}. */
    @SuppressWarnings("unchecked")
    public static Model<Label> load(final Path directory) throws IOException {
        final Path file = directory.resolve(ModelManifest.MODEL_FILE);
        final Model<?> model;
        try {
            model = Model.deserializeFromFile(file);
        } catch (final java.nio.file.NoSuchFileException e) {
            throw new IOException(directory + " has no " + ModelManifest.MODEL_FILE, e);
        } catch (final IOException | RuntimeException e) {
            throw new IOException(file + " is not a Tribuo model: " + e.getMessage(), e);
        }
        if (!model.validate(Label.class)) {
            throw new IOException(file + " is not a classification model");
        }
        return (Model<Label>)model;
    }

    /** The features that take one value over all the rows. */
    static Set<String> constantFeatures(final List<FeatureRow> rows) {
        final Set<String> constant = new TreeSet<>();
        final List<String> names = FeatureSchema.names();
        for (int i = 0; i < names.size(); i++) {
            final double first = rows.get(0).features()[i];
            boolean same = true;
            for (final FeatureRow row : rows) {
                if (Double.compare(row.features()[i], first) != 0) {
                    same = false;
                    break;
                }
            }
            if (same) {
                constant.add(names.get(i));
            }
        }
        return constant;
    }

    /** The start of a UTC day, in epoch milliseconds. */
    public static long millis(final LocalDate day) {
        return day.toEpochDay() * DAY_MILLIS;
    }
}
