package io.ringfence.models.rules;

/** A rules file that does not compile; the message is one line, {@code FILE:LINE:COL: message}. */
public final class RulesRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    public RulesRefusedException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
