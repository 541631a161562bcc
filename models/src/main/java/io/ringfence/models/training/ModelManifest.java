package io.ringfence.models.training;

import io.ringfence.features.FeatureSchema;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A model directory's {@code manifest.properties}: what the model reads (feature schema id, names, version), how it
 * was trained (algorithm, seed, tree count and depth, window, feedback delay, row counts), the serving model compiled
 * from it (file, version, SHA-256) and how it did on its own training set. Written
 * with sorted keys and no timestamp, so the same training writes the same manifest (bar {@code training.seconds}).
 */
public final class ModelManifest {
    public static final String FILE = "manifest.properties";
    public static final String MODEL_FILE = "model.tribuo";
    public static final String PROVENANCE_JSON = "provenance.json";
    public static final String PROVENANCE_TEXT = "provenance.txt";
    public static final String FORMAT = "ringfence-model/1";

    public static final String KEY_FORMAT = "format";
    public static final String KEY_SCHEMA_ID = "feature.schema.id";
    public static final String KEY_SCHEMA_NAME = "feature.schema.name";
    public static final String KEY_SCHEMA_VERSION = "feature.schema.version";
    public static final String KEY_SCHEMA_HASH = "feature.schema.hash";
    public static final String KEY_FEATURE_NAMES = "feature.names";
    public static final String KEY_FEATURE_COUNT = "feature.count";
    public static final String KEY_ALGORITHM = "algorithm";
    public static final String KEY_SEED = "seed";
    /** Tree models: the number of trees (xgboost: boosting rounds, a tree per class each). */
    public static final String KEY_TREES = "trees";
    public static final String KEY_MAX_DEPTH = "tree.max.depth";
    /** The compiled serving model's file, its version (what decisions name) and the SHA-256 of its bytes. */
    public static final String KEY_SERVING_FILE = "serving.file";
    public static final String KEY_SERVING_VERSION = "serving.version";
    public static final String KEY_SERVING_SHA256 = "serving.sha256";
    public static final String KEY_TRAIN_FROM = "training.from";
    public static final String KEY_TRAIN_TO = "training.to.exclusive";
    public static final String KEY_DELAY = "training.feedback.delay";
    public static final String KEY_DATA = "training.data";
    public static final String KEY_ROWS = "training.rows";
    public static final String KEY_FRAUD = "training.fraud.rows";
    public static final String KEY_WARM_UP = "training.warm.up.rows";
    /** Rows of the replay, warm-up included, that the engine refused at ingress. */
    public static final String KEY_REFUSED = "training.refused.rows";
    public static final String KEY_SECONDS = "training.seconds";
    public static final String KEY_AUC = "training.metrics.auc.roc";
    public static final String KEY_AP = "training.metrics.average.precision";
    public static final String KEY_MODEL = "model.file";
    public static final String KEY_POSITIVE = "label.positive";
    public static final String KEY_TRIBUO = "tribuo.version";
    public static final String KEY_IMBALANCE = "class.imbalance";

    private final Map<String, String> values;

    public ModelManifest(final Map<String, String> values) {
        this.values = new TreeMap<>(values);
    }

    /** The schema part every manifest carries: the engine's current feature schema. */
    public static Map<String, String> schemaEntries() {
        final Map<String, String> schema = new TreeMap<>();
        schema.put(KEY_FORMAT, FORMAT);
        schema.put(KEY_SCHEMA_ID, FeatureSchema.ID);
        schema.put(KEY_SCHEMA_NAME, FeatureSchema.NAME);
        schema.put(KEY_SCHEMA_VERSION, Integer.toString(FeatureSchema.VERSION));
        schema.put(KEY_SCHEMA_HASH, Long.toHexString(FeatureSchema.HASH));
        schema.put(KEY_FEATURE_NAMES, String.join(",", FeatureSchema.names()));
        schema.put(KEY_FEATURE_COUNT, Integer.toString(FeatureSchema.SIZE));
        schema.put(KEY_MODEL, MODEL_FILE);
        schema.put(KEY_POSITIVE, TribuoRows.FRAUD);
        return schema;
    }

    public String get(final String key) {
        return values.get(key);
    }

    public Map<String, String> values() {
        return Map.copyOf(values);
    }

    public LocalDate trainFrom() throws IOException {
        return date(KEY_TRAIN_FROM);
    }

    public LocalDate trainTo() throws IOException {
        return date(KEY_TRAIN_TO);
    }

    public void write(final Path directory) throws IOException {
        try (Writer out = Files.newBufferedWriter(directory.resolve(FILE), StandardCharsets.UTF_8)) {
            out.write("# Ringfence model manifest: see io.ringfence.models.training.ModelManifest\n");
            for (final Map.Entry<String, String> entry : values.entrySet()) {
                out.write(entry.getKey() + "=" + entry.getValue().replace("\\", "\\\\").replace("\n", "\\n") + "\n");
            }
        }
    }

    /**
     * @throws IOException when the manifest is missing or unreadable, or lacks what a model directory must say
     */
    public static ModelManifest read(final Path directory) throws IOException {
        final Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(directory.resolve(FILE), StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (final NoSuchFileException e) {
            throw new IOException(directory + " is not a model directory: no " + FILE, e);
        } catch (final IllegalArgumentException e) {
            throw new IOException(directory.resolve(FILE) + " is malformed: " + e.getMessage(), e);
        }
        final Map<String, String> values = new TreeMap<>();
        for (final String name : properties.stringPropertyNames()) {
            values.put(name, properties.getProperty(name));
        }
        final ModelManifest manifest = new ModelManifest(values);
        for (final String required : new String[] {KEY_FORMAT, KEY_SCHEMA_ID, KEY_TRAIN_FROM, KEY_TRAIN_TO}) {
            if (manifest.get(required) == null) {
                throw new IOException(directory.resolve(FILE) + " has no " + required);
            }
        }
        return manifest;
    }

    private LocalDate date(final String key) throws IOException {
        try {
            return LocalDate.parse(values.get(key));
        } catch (final DateTimeParseException | NullPointerException e) {
            throw new IOException("manifest " + key + " is not a date: " + values.get(key), e);
        }
    }
}
