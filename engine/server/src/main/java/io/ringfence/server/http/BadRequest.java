package io.ringfence.server.http;

/**
 * A body that is not the endpoint's schema: answered 400 with the field it concerns. The message names fields and
 * types only, never a value, so a card number sent in the wrong place cannot come back in an error. No stack trace:
 * it is the expected answer to a client's mistake, not a fault.
 */
final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;

    BadRequest(final String field, final String message) {
        super(message, null, false, false);
        this.field = field;
    }

    /** The JSON field or header at fault, or null when it is the body as a whole. */
    String field() {
        return field;
    }
}
