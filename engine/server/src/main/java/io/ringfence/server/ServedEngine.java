package io.ringfence.server;

import io.ringfence.Engine;
import io.ringfence.EngineConfig;
import io.ringfence.api.Ack;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The engine a server starts: recovered from its journal, then the model and the rules put in force through the ring
 * (so they are journaled like every change). A model or rules file the engine refuses stops the start, with the
 * engine's one-line reason.
 */
public final class ServedEngine {
    private ServedEngine() {
    }

    /**
     * @param model a model directory, or null for the built-in policy
     * @param rules a rules file, or null for none
     */
    public static Supplier<Engine> starter(final EngineConfig config, final Path model, final Path rules) {
        return () -> {
            final Engine engine = Engine.start(config);
            try {
                if (model != null) {
                    require(engine.loadModel(model), "model " + model);
                }
                if (rules != null) {
                    require(engine.loadRules(rules), "rules " + rules);
                }
                return engine;
            } catch (final RuntimeException e) {
                engine.close();
                throw e;
            }
        };
    }

    private static void require(final Ack ack, final String what) {
        if (ack.status() != Ack.Status.APPLIED && ack.status() != Ack.Status.NO_CHANGE) {
            throw new IllegalStateException("the engine refused the " + what + ": " + ack.detail());
        }
    }
}
