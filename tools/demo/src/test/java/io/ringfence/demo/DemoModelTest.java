package io.ringfence.demo;

import io.ringfence.features.FeatureSchema;
import io.ringfence.scoring.LinearModelScorer;
import io.ringfence.scoring.ServingModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo with a trained model: every decision of the day names the model; a bad model stops the demo. */
class DemoModelTest {
    private static final Duration PATIENT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void everyDecisionOfTheDayNamesTheModel() throws IOException {
        final double[] weights = new double[FeatureSchema.SIZE];
        weights[0] = 0.5;
        ServingModels.write(dir.resolve(ServingModels.FILE_NAME),
            new LinearModelScorer("demo-test/linear", FeatureSchema.ID, -3.0, weights, null, null));

        final DemoResult result = DemoRunner.run(DemoOptions.of(200, 7).withWarmUp(false).withDeadline(PATIENT)
            .withModel(dir));

        assertEquals("demo-test/linear", result.stats().scorerVersion());
        final long decisions = result.outcomes().stream().map(EventOutcome::decision).filter(Objects::nonNull)
            .peek(decision -> assertEquals("demo-test/linear", decision.scorerVersion()))
            .count();
        assertEquals(result.traffic().authorizations(), decisions);
    }

    @Test
    void aModelTheEngineRefusesStopsTheDemoWithTheReason() throws IOException {
        Files.writeString(dir.resolve(ServingModels.FILE_NAME), "not a model");

        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> DemoRunner.run(DemoOptions.of(200, 7).withWarmUp(false).withModel(dir)));

        assertTrue(refused.getMessage().contains("refused"), refused.getMessage());
    }
}
