package io.ringfence.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ringfence.scoring.ServingModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A serving-model file of arbitrary bytes is refused with an exception naming the file, or loads; nothing else. */
class ServingModelFuzzTest {
    private static Path file;

    @BeforeAll
    static void createFile() throws IOException {
        file = Files.createTempFile("ringfence-fuzz", ".model");
    }

    @AfterAll
    static void deleteFile() throws IOException {
        Files.deleteIfExists(file);
    }

    @FuzzTest(maxDuration = "10s")
    void anyFileLoadsOrIsRefused(final byte[] content) throws IOException {
        Files.write(file, content);
        try {
            ServingModels.read(file);
        } catch (final IOException | IllegalArgumentException expected) {
            // Refused: Engine.loadModel answers REJECTED with this one line.
        }
    }
}
