package io.ringfence.scoring;

import io.ringfence.features.FeatureSchema;
import io.ringfence.features.FeatureVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The serving file: round trips, and refusal of files that are not serving models for this engine's schema. */
class ServingModelsTest {
    @TempDir
    Path dir;

    @Test
    void everyKindOfModelRoundTripsAndScoresTheSame() throws IOException {
        final double[] means = new double[FeatureSchema.SIZE];
        final double[] scales = new double[FeatureSchema.SIZE];
        final Random random = new Random(7);
        for (int i = 0; i < FeatureSchema.SIZE; i++) {
            means[i] = random.nextDouble() * 10;
            scales[i] = 0.5 + random.nextDouble() * 5;
        }
        final double[] weights = new double[FeatureSchema.SIZE];
        Arrays.setAll(weights, i -> random.nextGaussian() * 0.1);
        final List<Scorer> models = List.of(TestModels.linear("lin/1"),
            new LinearModelScorer("std/2", FeatureSchema.ID, -2.5, weights, means, scales),
            TestModels.forest("rf/1"), TestModels.boosted("gb/1"));
        for (final Scorer model : models) {
            final Path directory = dir.resolve(model.version().replace('/', '-'));
            ServingModels.write(directory.resolve(ServingModels.FILE_NAME), model);
            final ServingModels.Loaded loaded = ServingModels.read(directory);
            assertEquals(model.version(), loaded.scorer().version());
            assertEquals(FeatureSchema.ID, loaded.scorer().featureSchemaId());
            assertEquals(model.getClass(), loaded.scorer().getClass());
            assertEquals(directory.resolve(ServingModels.FILE_NAME).toAbsolutePath().normalize(), loaded.file());
            final byte[] bytes = Files.readAllBytes(loaded.file());
            assertArrayEquals(ServingModels.sha256(bytes), loaded.sha256());
            assertArrayEquals(ServingModels.toBytes(model), ServingModels.toBytes(loaded.scorer()));
            assertSameScores(model, loaded.scorer(), random);
        }
    }

    private static void assertSameScores(final Scorer expected, final Scorer actual, final Random random) {
        final FeatureVector f = new FeatureVector();
        final double[] c1 = new double[FeatureSchema.SIZE];
        final double[] c2 = new double[FeatureSchema.SIZE];
        for (int n = 0; n < 200; n++) {
            for (int i = 0; i < FeatureSchema.SIZE; i++) {
                f.set(FeatureSchema.feature(i), random.nextInt(4) == 0 ? random.nextDouble() * 1000 : random.nextInt(2));
            }
            Arrays.fill(c1, 0);
            Arrays.fill(c2, 0);
            assertEquals(expected.score(f, c1), actual.score(f, c2));
            assertArrayEquals(c1, c2);
        }
    }

    @Test
    void aModelOfAnotherFeatureSchemaIsRefusedInOneLine() throws IOException {
        final double[] w = new double[FeatureSchema.SIZE];
        final Path file = dir.resolve("old.model");
        ServingModels.write(file, new LinearModelScorer("old/1", "ringfence-features/v0#1234", 0, w, null, null));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServingModels.load(file));
        assertTrue(e.getMessage().contains("ringfence-features/v0#1234") && e.getMessage().contains(FeatureSchema.ID),
            e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void aModelWhoseFeatureNamesDifferIsRefused() throws IOException {
        final List<String> names = new ArrayList<>(FeatureSchema.names());
        names.set(3, "SOMETHING_ELSE");
        final Path file = dir.resolve("renamed.model");
        Files.write(file, header(FeatureSchema.ID, names));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServingModels.load(file));
        assertTrue(e.getMessage().contains("feature 3 is SOMETHING_ELSE"), e.getMessage());

        Files.write(file, header(FeatureSchema.ID, FeatureSchema.names().subList(0, 5)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServingModels.load(file)).getMessage()
            .contains("with 5 features"));
    }

    @Test
    void somethingElseIsNotAServingModel() throws IOException {
        final Path file = dir.resolve("junk.model");
        Files.writeString(file, "{\"not\": \"a model\"}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServingModels.load(file)).getMessage()
            .contains("not a Ringfence serving model"));
        final byte[] good = ServingModels.toBytes(TestModels.forest("rf/1"));
        Files.write(file, Arrays.copyOf(good, good.length - 5));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServingModels.load(file)).getMessage()
            .contains("truncated"));
    }

    @Test
    void reloadForReplayChecksTheJournaledHash() throws IOException {
        final Path file = dir.resolve(ServingModels.FILE_NAME);
        ServingModels.write(file, TestModels.boosted("gb/1"));
        final ServingModels.Loaded loaded = ServingModels.read(dir);
        final Scorer again = ServingModels.reload("gb/1", loaded.file().toString(), loaded.sha256());
        assertEquals("gb/1", again.version());
        assertThrows(IllegalStateException.class,
            () -> ServingModels.reload("gb/2", loaded.file().toString(), loaded.sha256()));
        ServingModels.write(file, TestModels.boosted("gb/2"));
        final IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> ServingModels.reload("gb/1", loaded.file().toString(), loaded.sha256()));
        assertTrue(e.getMessage().contains("has changed since model gb/1 was journaled"), e.getMessage());
        assertSame(IllegalStateException.class, assertThrows(IllegalStateException.class,
            () -> ServingModels.reload("gb/1", dir.resolve("missing").toString(), loaded.sha256())).getClass());
    }

    private static byte[] header(final String schemaId, final List<String> names) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(ServingModels.MAGIC);
            out.writeInt(ServingModels.FORMAT_VERSION);
            out.writeByte(0);
            out.writeUTF("renamed/1");
            out.writeUTF(schemaId);
            out.writeInt(names.size());
            for (final String name : names) {
                out.writeUTF(name);
            }
            out.writeDouble(0);
            for (int i = 0; i < names.size(); i++) {
                out.writeDouble(0);
            }
            out.writeByte(0);
        }
        return bytes.toByteArray();
    }
}
