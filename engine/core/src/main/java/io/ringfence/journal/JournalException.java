package io.ringfence.journal;

/** A journal could not be written or read; the message says which and why in one line. */
public final class JournalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JournalException(final String message, final Throwable cause) {
        super(message, cause);
    }

    public JournalException(final String message) {
        super(message);
    }
}
