package io.ringfence.server;

import java.util.function.BooleanSupplier;

/**
 * What SIGTERM (and SIGINT) does to a serving process: the JVM's shutdown runs {@code drain}, which reports not
 * ready, finishes what is outstanding and closes the journal; then the process ends with status 0, as a service
 * manager expects of a clean stop, instead of the 143 a JVM killed by SIGTERM reports.
 */
public final class TerminationSignals {
    private TerminationSignals() {
    }

    /** Installs the hook; {@code drain} returns whether everything outstanding finished (the status is 0 either way). */
    public static void onTermination(final BooleanSupplier drain) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            drain.getAsBoolean();
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(0);
        }, "ringfence-shutdown"));
    }
}
