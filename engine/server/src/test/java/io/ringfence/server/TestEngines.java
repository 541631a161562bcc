package io.ringfence.server;

import io.ringfence.Engine;
import io.ringfence.EngineConfig;

import java.time.Duration;
import java.util.function.Supplier;

/** The engine the server tests start behind their doors: small stores, no journal, the development key. */
public final class TestEngines {
    private TestEngines() {
    }

    /** Starts a small engine with a deadline generous enough that a slow machine gives no stand-ins. */
    public static Supplier<Engine> small() {
        return () -> Engine.start(EngineConfig.builder()
            .developmentFingerprintKey()
            .cardCapacity(1024)
            .merchantCapacity(256)
            .terminalCapacity(256)
            .tokenCapacity(64)
            .defaultDeadline(Duration.ofSeconds(5))
            .build());
    }
}
