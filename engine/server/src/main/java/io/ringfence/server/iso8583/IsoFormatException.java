package io.ringfence.server.iso8583;

/**
 * A message that cannot be read as ISO 8583:1987 or does not carry what its type needs. Its message names the field
 * and what is wrong, never the field's content (which might be a card number). Thrown only for bad input, so it
 * carries no stack trace.
 */
final class IsoFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The field number, 0 for the message type, -1 for the message as a whole. */
    private final int field;

    IsoFormatException(final int field, final String problem) {
        super((field < 0 ? "message" : field == 0 ? "message type" : "field " + field) + ": " + problem, null,
            false, false);
        this.field = field;
    }

    int field() {
        return field;
    }
}
