package io.ringfence.scoring;

import io.ringfence.features.FeatureSchema;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads and writes the serving file of a model directory ({@value #FILE_NAME}): the compiled form the engine
 * scores with. Big-endian ({@link DataOutputStream}):
 *
 * <pre>
 *   magic            int     {@link #MAGIC} ("RFSM")
 *   format version   int     {@link #FORMAT_VERSION}
 *   kind             byte    0 LINEAR, 1 TREES
 *   model version    UTF     (DataOutput modified UTF-8)
 *   feature schema   UTF     the {@link FeatureSchema#ID} it was trained on
 *   feature count    int, then each feature name as UTF, in vector order
 *   LINEAR: bias double; weights double[count]; standardised byte (0/1); if 1: means double[count], scales double[count]
 *   TREES:  aggregation byte (0 AVERAGE_PROBABILITY, 1 SUM_LOGIT); base score double;
 *           node count int; splitFeature int[n]; threshold double[n]; left int[n]; right int[n]; nodeValue double[n];
 *           tree count int; treeRoots int[t]
 * </pre>
 *
 * Reading refuses, with a one-line {@link IllegalArgumentException}, a file that is not a serving model, a format
 * version it does not know, and a model whose feature schema id or feature names differ from the engine's.
 */
public final class ServingModels {
    /** The serving file's name inside a model directory. */
    public static final String FILE_NAME = "serving.model";
    public static final int MAGIC = 0x5246534D;
    public static final int FORMAT_VERSION = 1;
    /** Length of a SHA-256 digest, as journaled with each model switch. */
    public static final int SHA256_LENGTH = 32;

    private static final byte LINEAR = 0;
    private static final byte TREES = 1;
    private static final TreeEnsembleScorer.Aggregation[] AGGREGATIONS = TreeEnsembleScorer.Aggregation.values();

    private ServingModels() {
    }

    /**
     * A model read from its serving file.
     *
     * @param scorer the model, ready to score
     * @param file   the absolute, normalised path of the file it was read from
     * @param sha256 the SHA-256 of the file's bytes
     */
    public record Loaded(Scorer scorer, Path file, byte[] sha256) {
        public String sha256Hex() {
            return HexFormat.of().formatHex(sha256);
        }
    }

    /** The serving file for {@code path}: the path itself, or {@value #FILE_NAME} inside it when it is a directory. */
    public static Path servingFile(final Path path) {
        final Path file = Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
        return file.toAbsolutePath().normalize();
    }

    /**
     * Reads and checks a model (a serving file or a model directory) and returns its scorer.
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when it is not a serving model, or its feature schema is not the engine's
     */
    public static Scorer load(final Path path) throws IOException {
        return read(path).scorer();
    }

    /** As {@link #load}, keeping the file's path and SHA-256 (what a model switch journals). */
    public static Loaded read(final Path path) throws IOException {
        final Path file = servingFile(path);
        final byte[] bytes = Files.readAllBytes(file);
        return new Loaded(parse(bytes, file), file, sha256(bytes));
    }

    /**
     * Reloads a journaled model for replay: reads {@code path} and checks that its SHA-256 and version are the
     * journaled ones.
     *
     * @throws IllegalStateException when the file is missing, unreadable, changed since it was journaled, or refused
     */
    public static Scorer reload(final String version, final String path, final byte[] expectedSha256) {
        final byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of(path));
        } catch (final IOException e) {
            throw new IllegalStateException("cannot reload model " + version + " for replay from " + path + ": " + e, e);
        }
        final byte[] actual = sha256(bytes);
        if (!Arrays.equals(actual, expectedSha256)) {
            throw new IllegalStateException("model file " + path + " has changed since model " + version
                + " was journaled (SHA-256 " + HexFormat.of().formatHex(actual) + ", journaled "
                + HexFormat.of().formatHex(expectedSha256) + "): restore that file to replay");
        }
        final Scorer scorer;
        try {
            scorer = parse(bytes, Path.of(path));
        } catch (final IllegalArgumentException | IOException e) {
            throw new IllegalStateException("cannot reload model " + version + " for replay: " + e.getMessage(), e);
        }
        if (!scorer.version().equals(version)) {
            throw new IllegalStateException("model file " + path + " holds version " + scorer.version()
                + " but the journal names " + version);
        }
        return scorer;
    }

    /** Writes {@code scorer} (a {@link LinearModelScorer} or {@link TreeEnsembleScorer}) to {@code file}, atomically. */
    public static void write(final Path file, final Scorer scorer) throws IOException {
        final byte[] bytes = toBytes(scorer);
        final Path absolute = file.toAbsolutePath();
        final Path parent = absolute.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        final Path temp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        Files.write(temp, bytes);
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The serving-file bytes of {@code scorer}. */
    public static byte[] toBytes(final Scorer scorer) throws IOException {
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            if (scorer instanceof LinearModelScorer linear) {
                out.writeByte(LINEAR);
                header(out, scorer);
                out.writeDouble(linear.bias());
                writeDoubles(out, linear.weights());
                out.writeByte(linear.means() == null ? 0 : 1);
                if (linear.means() != null) {
                    writeDoubles(out, linear.means());
                    writeDoubles(out, linear.scales());
                }
            } else if (scorer instanceof TreeEnsembleScorer trees) {
                out.writeByte(TREES);
                header(out, scorer);
                out.writeByte(trees.aggregation().ordinal());
                out.writeDouble(trees.baseScore());
                out.writeInt(trees.splitFeatures().length);
                writeInts(out, trees.splitFeatures());
                writeDoubles(out, trees.thresholds());
                writeInts(out, trees.lefts());
                writeInts(out, trees.rights());
                writeDoubles(out, trees.nodeValues());
                out.writeInt(trees.treeRoots().length);
                writeInts(out, trees.treeRoots());
            } else {
                throw new IllegalArgumentException("no serving form for " + scorer.getClass().getName());
            }
        }
        return buffer.toByteArray();
    }

    private static void header(final DataOutputStream out, final Scorer scorer) throws IOException {
        out.writeUTF(scorer.version());
        out.writeUTF(scorer.featureSchemaId());
        final List<String> names = FeatureSchema.names();
        out.writeInt(names.size());
        for (final String name : names) {
            out.writeUTF(name);
        }
    }

    private static Scorer parse(final byte[] bytes, final Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            final int magic = in.readInt();
            if (magic != MAGIC) {
                throw new IllegalArgumentException(file + " is not a Ringfence serving model (magic "
                    + String.format("0x%08x", magic) + ")");
            }
            final int format = in.readInt();
            if (format != FORMAT_VERSION) {
                throw new IllegalArgumentException(file + " is serving-model format " + format
                    + "; this engine reads format " + FORMAT_VERSION);
            }
            final byte kind = in.readByte();
            final String version = in.readUTF();
            final String schemaId = in.readUTF();
            if (!FeatureSchema.ID.equals(schemaId)) {
                throw new IllegalArgumentException("model " + version + " (" + file + ") was trained on feature schema "
                    + schemaId + " but the engine computes " + FeatureSchema.ID + ": refused, retrain it");
            }
            final int count = in.readInt();
            if (count < 0 || count > 10_000) {
                throw new IllegalArgumentException(file + " is corrupt: feature count " + count);
            }
            final List<String> names = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                names.add(in.readUTF());
            }
            final List<String> expected = FeatureSchema.names();
            if (!names.equals(expected)) {
                throw new IllegalArgumentException("model " + version + " (" + file + ") names its features "
                    + firstDifference(names, expected) + ": refused, retrain it");
            }
            final Scorer scorer = switch (kind) {
                case LINEAR -> readLinear(in, version, schemaId, count);
                case TREES -> readTrees(in, version, schemaId);
                default -> throw new IllegalArgumentException(file + " holds unknown model kind " + kind);
            };
            if (in.read() != -1) {
                throw new IllegalArgumentException(file + " is corrupt: bytes after the model");
            }
            return scorer;
        } catch (final EOFException e) {
            throw new IllegalArgumentException(file + " is truncated", e);
        }
    }

    private static String firstDifference(final List<String> actual, final List<String> expected) {
        for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
            if (!actual.get(i).equals(expected.get(i))) {
                return "differently from the engine: feature " + i + " is " + actual.get(i) + ", the engine's is "
                    + expected.get(i);
            }
        }
        return "with " + actual.size() + " features, the engine computes " + expected.size();
    }

    private static LinearModelScorer readLinear(final DataInputStream in, final String version, final String schemaId,
        final int count) throws IOException {
        final double bias = in.readDouble();
        final double[] weights = readDoubles(in, count);
        final boolean standardised = in.readByte() != 0;
        final double[] means = standardised ? readDoubles(in, count) : null;
        final double[] scales = standardised ? readDoubles(in, count) : null;
        return new LinearModelScorer(version, schemaId, bias, weights, means, scales);
    }

    private static TreeEnsembleScorer readTrees(final DataInputStream in, final String version, final String schemaId)
        throws IOException {
        final byte aggregation = in.readByte();
        if (aggregation < 0 || aggregation >= AGGREGATIONS.length) {
            throw new IllegalArgumentException("model " + version + " has unknown aggregation " + aggregation);
        }
        final double baseScore = in.readDouble();
        final int nodes = checkedCount(in.readInt(), version, "node");
        final int[] splitFeature = readInts(in, nodes);
        final double[] threshold = readDoubles(in, nodes);
        final int[] left = readInts(in, nodes);
        final int[] right = readInts(in, nodes);
        final double[] nodeValue = readDoubles(in, nodes);
        final int trees = checkedCount(in.readInt(), version, "tree");
        final int[] roots = readInts(in, trees);
        return new TreeEnsembleScorer(version, schemaId, AGGREGATIONS[aggregation], baseScore, splitFeature, threshold,
            left, right, nodeValue, roots);
    }

    private static int checkedCount(final int count, final String version, final String what) {
        if (count < 0 || count > 50_000_000) {
            throw new IllegalArgumentException("model " + version + " is corrupt: " + what + " count " + count);
        }
        return count;
    }

    private static void writeDoubles(final DataOutputStream out, final double[] values) throws IOException {
        for (final double value : values) {
            out.writeDouble(value);
        }
    }

    private static void writeInts(final DataOutputStream out, final int[] values) throws IOException {
        for (final int value : values) {
            out.writeInt(value);
        }
    }

    private static double[] readDoubles(final DataInputStream in, final int count) throws IOException {
        final double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }

    private static int[] readInts(final DataInputStream in, final int count) throws IOException {
        final int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    /** SHA-256 of {@code bytes}. */
    public static byte[] sha256(final byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
