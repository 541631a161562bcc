package io.ringfence.cli;

import io.ringfence.models.ModelDirectories;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/**
 * {@code --model DIR|builtin}, for commands that start an engine: the trained model it scores with, by default the
 * project's {@code models/default}, found through the {@value #HOME_PROPERTY} property the {@code ringfence}
 * launcher sets.
 */
public final class ModelOption {
    /** Set by the {@code ringfence} launcher to the project directory, where {@code models/default} lives. */
    public static final String HOME_PROPERTY = "ringfence.home";
    /** The {@code --model} value for the engine's built-in policy. */
    public static final String BUILTIN = "builtin";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR|builtin",
        description = "The trained model the engine scores with: a model directory from 'ringfence train', or"
            + " 'builtin' for the engine's built-in policy (default: the project's models/default when the launcher"
            + " names the project directory, else builtin).")
    private String model;

    /**
     * The model directory to load, or null for the built-in policy.
     *
     * @throws ParameterException when {@code --model} names something that is not a model directory
     */
    public Path directory() {
        if (BUILTIN.equals(model)) {
            return null;
        }
        if (model != null) {
            final Path named = Path.of(model);
            if (!ModelDirectories.holdsServingModel(named)) {
                throw new ParameterException(spec.commandLine(), "--model " + model + " is not a model directory"
                    + " (no " + ModelDirectories.SERVING_FILE + "); give a directory from 'ringfence train' or 'builtin'");
            }
            return named;
        }
        final String home = System.getProperty(HOME_PROPERTY);
        if (home == null) {
            return null;
        }
        final Path projectDefault = ModelDirectories.projectDefault(Path.of(home));
        return ModelDirectories.holdsServingModel(projectDefault) ? projectDefault : null;
    }
}
