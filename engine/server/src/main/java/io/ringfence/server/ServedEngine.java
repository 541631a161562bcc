package io.ringfence.server;

import io.ringfence.Engine;
import io.ringfence.EngineConfig;
import io.ringfence.api.Ack;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.CardNumbers;
import io.ringfence.api.Channel;
import io.ringfence.api.EntryMode;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The engine a server starts: recovered from its journal, then the model and the rules put in force through the ring
 * (so they are journaled like every change). A model or rules file the engine refuses stops the start, with the
 * engine's one-line reason.
 *
 * <p>Warm-up: a fresh JVM loads and compiles the engine's code on its first requests, and the first ones then take
 * longer than the stand-in deadline: a gateway's first authorizations after every restart would be stand-ins. So,
 * given a scratch configuration, a throwaway engine (its own journal, if any, elsewhere) with the same model and rules
 * first decides a few thousand synthetic authorizations; the real engine's state never sees them.
 */
public final class ServedEngine {
    /** Synthetic authorizations the scratch engine decides: enough for the JIT's first tiers, about a second. */
    static final int WARM_UP_AUTHORIZATIONS = 20_000;
    private static final int WARM_UP_CARDS = 500;

    private ServedEngine() {
    }

    /**
     * @param config  the engine to serve with
     * @param scratch the same with a journal of its own (or none), for the warm-up; null for no warm-up
     * @param model   a model directory, or null for the built-in policy
     * @param rules   a rules file, or null for none
     */
    public static Supplier<Engine> starter(final EngineConfig config, final EngineConfig scratch, final Path model,
        final Path rules) {
        return () -> {
            if (scratch != null) {
                try (Engine warmUp = start(scratch, model, rules)) {
                    for (int i = 0; i < WARM_UP_AUTHORIZATIONS; i++) {
                        warmUp.authorize(syntheticAuthorization(i));
                    }
                }
            }
            return start(config, model, rules);
        };
    }

    private static Engine start(final EngineConfig config, final Path model, final Path rules) {
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
    }

    /** Card-present and card-not-present purchases over a small population, so both channels' paths are taken. */
    static AuthorizationRequest syntheticAuthorization(final int i) {
        final String body = "49999900" + String.format("%07d", i % WARM_UP_CARDS);
        final AuthorizationRequest.Builder request = AuthorizationRequest.builder()
            .requestId("warm-up-" + i)
            .pan(body + CardNumbers.luhnCheckDigit(body))
            .expiry("1299")
            .amountMinor(500 + i % 40_000)
            .currency("USD")
            .merchantId("warm-up-" + i % 50)
            .mcc(5411)
            .merchantCountry("US")
            .cardCountry("US");
        if (i % 2 == 0) {
            return request.channel(Channel.CP).entryMode(EntryMode.CHIP).terminalId("t" + i % 200).build();
        }
        return request.channel(Channel.CNP).entryMode(EntryMode.ECOMMERCE).ipAddress("198.51.100." + i % 250)
            .ipCountry("US").deviceId("warm-up-device-" + i % 700).email("warm-up-" + i % 600 + "@example.com")
            .billingCountry("US").build();
    }

    private static void require(final Ack ack, final String what) {
        if (ack.status() != Ack.Status.APPLIED && ack.status() != Ack.Status.NO_CHANGE) {
            throw new IllegalStateException("the engine refused the " + what + ": " + ack.detail());
        }
    }
}
