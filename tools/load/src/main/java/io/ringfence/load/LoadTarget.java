package io.ringfence.load;

import io.ringfence.api.AuthorizationRequest;

/**
 * Where the load agent sends authorizations: the embedded engine ({@link EngineTarget}) or a running server over
 * the network ({@link HttpTarget}, {@link Iso8583Target}). Like the engine's own client it never blocks: the agent
 * submits, and polls for answers between sends. One owner thread at a time.
 */
interface LoadTarget extends AutoCloseable {
    /** Receives one answer on the agent's thread. */
    @FunctionalInterface
    interface Answers {
        void answered(long correlation, long sentNanos, boolean standIn);
    }

    /**
     * Sends one request now.
     *
     * @return false when nothing could be sent now (every connection or slot busy): try again after a poll
     */
    boolean submit(AuthorizationRequest request, long correlation, Answers answers);

    /** Delivers every answer that has arrived; returns how many. */
    int poll(Answers answers);

    /** What the report says the load went to. */
    String describe();

    @Override
    void close();
}
