package io.ringfence.journal;

/**
 * The journal directory belongs to another engine or another key: the engine refuses to start on it, with a
 * one-line reason, rather than run in degraded mode on history that is not its own.
 */
public final class JournalOwnershipException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public JournalOwnershipException(final String message) {
        super(message);
    }
}
