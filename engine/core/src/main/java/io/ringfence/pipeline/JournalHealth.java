package io.ringfence.pipeline;

/**
 * Whether the input journal can still be written. Set once by the journal stage, read by ingress and the
 * response stage on other threads.
 */
public final class JournalHealth {
    private volatile String failure;

    public boolean isHealthy() {
        return failure == null;
    }

    /** Why the journal stopped, or null while it works. */
    public String failure() {
        return failure;
    }

    void fail(final String reason) {
        if (failure == null) {
            failure = reason;
        }
    }
}
