package io.ringfence.server.iso8583;

/**
 * How one ISO 8583:1987 data element is laid out, independent of the wire format: the format decides whether digits
 * travel as BCD nibbles or ASCII characters, and whether bytes travel raw or as hexadecimal text.
 */
enum FieldType {
    /** Fixed number of digits: BCD (left-padded with a zero nibble when odd) or ASCII. */
    NUMERIC(0),
    /** Fixed number of characters, ASCII in both formats. */
    CHAR(0),
    /** Fixed number of bytes: raw, or two hexadecimal characters each. */
    BINARY(0),
    /** A sign character, {@code C} or {@code D}, then {@code maxLength - 1} digits. */
    AMOUNT(0),
    /** Up to 99 digits after a two-digit length: BCD (right-padded with a zero nibble when odd) or ASCII. */
    LLNUM(2),
    /** Up to 99 characters after a two-digit length. */
    LLCHAR(2),
    /** Up to 999 characters after a three-digit length. */
    LLLCHAR(3);

    private final int prefixDigits;

    FieldType(final int prefixDigits) {
        this.prefixDigits = prefixDigits;
    }

    /** Digits in the length prefix; 0 for a fixed-length field. */
    int prefixDigits() {
        return prefixDigits;
    }
}
