package io.ringfence.models;

import io.ringfence.scoring.ServingModels;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where models live: a model directory holds the compiled serving file the engine loads, beside what made it. */
public final class ModelDirectories {
    /** The serving file's name inside a model directory. */
    public static final String SERVING_FILE = ServingModels.FILE_NAME;

    private ModelDirectories() {
    }

    /** Whether {@code path} is a serving file, or a directory holding one. */
    public static boolean holdsServingModel(final Path path) {
        return Files.isRegularFile(ServingModels.servingFile(path));
    }

    /** The project's default model under a checkout at {@code projectHome}. */
    public static Path projectDefault(final Path projectHome) {
        return projectHome.resolve("models").resolve("default");
    }
}
