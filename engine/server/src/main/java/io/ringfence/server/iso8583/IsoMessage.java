package io.ringfence.server.iso8583;

import io.netty.buffer.ByteBuf;

/**
 * One ISO 8583:1987 message read in place from the frame it arrived in: the decoder records where each present field
 * starts and ends, and the accessors read values from the frame on demand. Reused for every message of a connection,
 * so decoding allocates nothing; valid only while the frame's bytes are, that is during the call that decoded it.
 *
 * <p>Decoding walks the fields in order, using {@link Iso87Fields} for their layout. When it fails at a field, the
 * fields before it stay readable ({@link #readable}): enough, usually, to answer with a format error that the caller
 * can match to its request.
 *
 * <p>No method returns or prints a field's content except the typed accessors: there is no {@code toString} that
 * could put a card number in a log.
 */
final class IsoMessage {
    private static final int NO_MTI = -1;

    private final boolean binary;
    private ByteBuf frame;
    private int mti = NO_MTI;
    private long primary;
    private long secondary;
    /** Fields decoded so far: every present field below this one is readable. */
    private int decodedBelow;
    /** Where each present field starts in the frame (its length prefix included), its data, and its end. */
    private final int[] start = new int[Iso87Fields.MAX_FIELD + 1];
    private final int[] dataStart = new int[Iso87Fields.MAX_FIELD + 1];
    private final int[] end = new int[Iso87Fields.MAX_FIELD + 1];
    /** Each present field's length in its type's units: digits, characters or bytes. */
    private final int[] units = new int[Iso87Fields.MAX_FIELD + 1];

    /** @param binary true for BCD numerics and a binary bitmap ({@code ISO87BPackager}), false for all-ASCII */
    IsoMessage(final boolean binary) {
        this.binary = binary;
    }

    /**
     * Reads the message in {@code buffer} from {@code offset}, {@code length} bytes, without moving its indices.
     *
     * @throws IsoFormatException at the first field that cannot be read; the fields before it stay readable
     */
    void decode(final ByteBuf buffer, final int offset, final int length) throws IsoFormatException {
        frame = buffer;
        mti = NO_MTI;
        primary = 0L;
        secondary = 0L;
        decodedBelow = 0;
        final int limit = offset + length;
        int at = offset;
        final int mtiBytes = binary ? 2 : 4;
        if (limit - at < mtiBytes) {
            throw new IsoFormatException(0, "too short");
        }
        final int type = binary ? readBcd(at, 0, 4) : readDigits(at, 4);
        if (type < 0) {
            throw new IsoFormatException(0, "not four digits");
        }
        mti = type;
        at += mtiBytes;
        decodedBelow = 1;
        primary = readBitmap(at, limit, 1);
        at += binary ? 8 : 16;
        if ((primary & bit(1)) != 0) {
            secondary = readBitmap(at, limit, 1);
            at += binary ? 8 : 16;
        }
        decodedBelow = 2;
        for (int field = 2; field <= Iso87Fields.MAX_FIELD; field++) {
            if (present(field)) {
                at = decodeField(field, at, limit);
            }
            decodedBelow = field + 1;
        }
        if (at != limit) {
            throw new IsoFormatException(-1, (limit - at) + " bytes after the last field");
        }
    }

    private long readBitmap(final int at, final int limit, final int field) throws IsoFormatException {
        if (binary) {
            if (limit - at < 8) {
                throw new IsoFormatException(field, "bitmap cut short");
            }
            return frame.getLong(at);
        }
        if (limit - at < 16) {
            throw new IsoFormatException(field, "bitmap cut short");
        }
        long bits = 0L;
        for (int i = 0; i < 16; i++) {
            final int nibble = hexValue(frame.getByte(at + i));
            if (nibble < 0) {
                throw new IsoFormatException(field, "bitmap not hexadecimal");
            }
            bits = bits << 4 | nibble;
        }
        return bits;
    }

    private int decodeField(final int field, final int at, final int limit) throws IsoFormatException {
        final FieldType type = Iso87Fields.type(field);
        final int max = Iso87Fields.maxLength(field);
        int data = at;
        int count = max;
        if (type.prefixDigits() > 0) {
            final int prefixBytes = binary ? (type.prefixDigits() + 1) / 2 : type.prefixDigits();
            if (limit - at < prefixBytes) {
                throw new IsoFormatException(field, "length cut short");
            }
            count = binary ? readBcd(at, type.prefixDigits() & 1, type.prefixDigits())
                : readDigits(at, type.prefixDigits());
            if (count < 0) {
                throw new IsoFormatException(field, "length not digits");
            }
            if (count > max) {
                throw new IsoFormatException(field, "length " + count + " over the maximum " + max);
            }
            data = at + prefixBytes;
        }
        final int bytes = wireBytes(type, count);
        if (limit - data < bytes) {
            throw new IsoFormatException(field, "cut short");
        }
        start[field] = at;
        dataStart[field] = data;
        units[field] = count;
        end[field] = data + bytes;
        return data + bytes;
    }

    private int wireBytes(final FieldType type, final int count) {
        switch (type) {
            case NUMERIC:
            case LLNUM:
                return binary ? (count + 1) / 2 : count;
            case BINARY:
                return binary ? count : 2 * count;
            case AMOUNT:
                return binary ? 1 + count / 2 : count;
            default:
                return count;
        }
    }

    /** The message type as a number ({@code 0100} is 100), or -1 when it could not be read. */
    int mti() {
        return mti;
    }

    /** Whether the bitmap says the field is present. */
    boolean present(final int field) {
        if (field <= 64) {
            return field >= 1 && (primary & bit(field)) != 0;
        }
        return field <= Iso87Fields.MAX_FIELD && (secondary & bit(field - 64)) != 0;
    }

    /** Whether the field is present and was decoded before any failure. */
    boolean readable(final int field) {
        return field >= 2 && field < decodedBelow && present(field);
    }

    /** The field's length in its type's units: digits, characters or bytes. */
    int length(final int field) {
        return units[field];
    }

    /**
     * A numeric field's value.
     *
     * @throws IsoFormatException when the field holds something other than digits, or more than 18 of them
     */
    long number(final int field) throws IsoFormatException {
        final int count = units[field];
        if (count > 18) {
            throw new IsoFormatException(field, "too many digits for a number");
        }
        long value = 0L;
        for (int i = 0; i < count; i++) {
            final int digit = digit(field, i);
            if (digit > 9) {
                throw new IsoFormatException(field, "not digits");
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** Digits {@code from} (inclusive) to {@code to} (exclusive) of a numeric field, as a number; -1 if not digits. */
    long number(final int field, final int from, final int to) {
        long value = 0L;
        for (int i = from; i < to; i++) {
            final int digit = digit(field, i);
            if (digit > 9) {
                return -1L;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /**
     * A numeric field's digits as text, reading up to the first separator nibble or character ({@code D} or
     * {@code =}, as in track 2 data) when {@code stopAtSeparator}.
     *
     * @throws IsoFormatException when the field holds something other than digits
     */
    String digits(final int field, final boolean stopAtSeparator) throws IsoFormatException {
        final int count = units[field];
        final char[] text = new char[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            final int digit = digit(field, i);
            if (digit > 9) {
                if (stopAtSeparator && digit == 0xD) {
                    break;
                }
                throw new IsoFormatException(field, "not digits");
            }
            text[n++] = (char)('0' + digit);
        }
        return new String(text, 0, n);
    }

    /**
     * The {@code index}th digit of a numeric field as a nibble value, 0 to 15: above 9 is not a digit ({@code =} in
     * ASCII track 2 data reads as 0xD, like its BCD encoding).
     */
    int digit(final int field, final int index) {
        final FieldType type = Iso87Fields.type(field);
        if (!binary) {
            final int c = frame.getByte(dataStart[field] + index + (type == FieldType.AMOUNT ? 1 : 0));
            if (c == '=') {
                return 0xD;
            }
            return c >= '0' && c <= '9' ? c - '0' : 0xF;
        }
        final int count = units[field];
        final int skip = type == FieldType.AMOUNT ? 2 + (count - 1) % 2 : type == FieldType.NUMERIC ? count % 2 : 0;
        final int nibble = skip + index;
        final int b = frame.getByte(dataStart[field] + nibble / 2);
        return (nibble & 1) == 0 ? (b >> 4) & 0xF : b & 0xF;
    }

    /**
     * A character field's text, trailing spaces removed when {@code trim}.
     *
     * @throws IsoFormatException when it holds bytes outside printable ASCII
     */
    String text(final int field, final boolean trim) throws IsoFormatException {
        final int from = dataStart[field];
        int to = end[field];
        if (trim) {
            while (to > from && frame.getByte(to - 1) == ' ') {
                to--;
            }
        }
        final char[] chars = new char[to - from];
        for (int i = from; i < to; i++) {
            final int c = frame.getByte(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IsoFormatException(field, "not printable ASCII");
            }
            chars[i - from] = (char)c;
        }
        return new String(chars);
    }

    /** The byte at {@code index} of a character field's data. */
    byte charAt(final int field, final int index) {
        return frame.getByte(dataStart[field] + index);
    }

    /** Copies the field as it arrived, length prefix included, to {@code out}. */
    void copyRaw(final int field, final byte[] out, final int offset) {
        frame.getBytes(start[field], out, offset, end[field] - start[field]);
    }

    /** The field's size on the wire, length prefix included. */
    int rawLength(final int field) {
        return end[field] - start[field];
    }

    /** Reads {@code count} ASCII digits at {@code at}; -1 when one is not a digit. */
    private int readDigits(final int at, final int count) {
        int value = 0;
        for (int i = 0; i < count; i++) {
            final int c = frame.getByte(at + i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + c - '0';
        }
        return value;
    }

    /** Reads {@code count} BCD digits at {@code at}, after {@code skip} leading pad nibbles; -1 when not digits. */
    private int readBcd(final int at, final int skip, final int count) {
        int value = 0;
        for (int i = skip; i < skip + count; i++) {
            final int b = frame.getByte(at + i / 2);
            final int nibble = (i & 1) == 0 ? (b >> 4) & 0xF : b & 0xF;
            if (nibble > 9) {
                return -1;
            }
            value = value * 10 + nibble;
        }
        return value;
    }

    private static int hexValue(final int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    private static long bit(final int position) {
        return 1L << (64 - position);
    }
}
