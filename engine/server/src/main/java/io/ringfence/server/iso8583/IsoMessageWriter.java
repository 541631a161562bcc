package io.ringfence.server.iso8583;

import io.ringfence.server.ServerConfig;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Packs a message as a client sends it to the door, length header included, in either wire format, by the same field
 * table the door reads with ({@link Iso87Fields}). For tools that speak to a running server without jPOS: the network
 * bench. Reusable: {@link #clear()} between messages.
 */
public final class IsoMessageWriter {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final boolean binary;
    private int mti;
    private final String[] values = new String[Iso87Fields.MAX_FIELD + 1];

    public IsoMessageWriter(final ServerConfig.IsoWireFormat format) {
        this.binary = format == ServerConfig.IsoWireFormat.BINARY;
    }

    /** Forgets the message type and every field. */
    public IsoMessageWriter clear() {
        mti = 0;
        Arrays.fill(values, null);
        return this;
    }

    /** The message type, as a number: {@code 0100} is 100. */
    public IsoMessageWriter mti(final int type) {
        mti = type;
        return this;
    }

    /**
     * Sets a field from its text: digits for a numeric field (left-padded with zeros to a fixed length), characters
     * for a character field (right-padded with spaces), hexadecimal for a binary one.
     *
     * @throws IllegalArgumentException for field 1 or 65 (bitmaps: the writer sets them), a number outside 2 to 128,
     *     or a value longer than the field allows
     */
    public IsoMessageWriter set(final int field, final String value) {
        if (field < 2 || field > Iso87Fields.MAX_FIELD || field == 65) {
            throw new IllegalArgumentException("field " + field + " cannot be set");
        }
        final FieldType type = Iso87Fields.type(field);
        final int units = type == FieldType.BINARY ? value.length() / 2 : value.length();
        if (units > Iso87Fields.maxLength(field)) {
            throw new IllegalArgumentException("field " + field + " holds at most " + Iso87Fields.maxLength(field)
                + ", was given " + units);
        }
        values[field] = value;
        return this;
    }

    /**
     * Writes the length header and the message at {@code out}'s position.
     *
     * @return the bytes written
     */
    public int writeTo(final ByteBuffer out) {
        final int lengthAt = out.position();
        out.position(lengthAt + (binary ? 2 : 4));
        final int messageAt = out.position();
        writeNumber(out, Integer.toString(mti), 4);
        long primary = 0L;
        long secondary = 0L;
        for (int field = 2; field <= Iso87Fields.MAX_FIELD; field++) {
            if (values[field] != null) {
                if (field <= 64) {
                    primary |= bit(field);
                } else {
                    secondary |= bit(field - 64);
                }
            }
        }
        if (secondary != 0L) {
            primary |= bit(1);
        }
        writeBitmap(out, primary);
        if (secondary != 0L) {
            writeBitmap(out, secondary);
        }
        for (int field = 2; field <= Iso87Fields.MAX_FIELD; field++) {
            if (values[field] != null) {
                writeField(out, field, values[field]);
            }
        }
        final int length = out.position() - messageAt;
        if (binary) {
            out.putShort(lengthAt, (short)length);
        } else {
            for (int i = 3, rest = length; i >= 0; i--, rest /= 10) {
                out.put(lengthAt + i, (byte)('0' + rest % 10));
            }
        }
        return out.position() - lengthAt;
    }

    private void writeField(final ByteBuffer out, final int field, final String value) {
        final FieldType type = Iso87Fields.type(field);
        final int max = Iso87Fields.maxLength(field);
        switch (type) {
            case NUMERIC -> writeNumber(out, value, max);
            case CHAR -> {
                for (int i = 0; i < max; i++) {
                    out.put((byte)(i < value.length() ? value.charAt(i) : ' '));
                }
            }
            case BINARY -> writeBinary(out, value, max);
            case AMOUNT -> {
                out.put((byte)value.charAt(0));
                writeNumber(out, value.substring(1), max - 1);
            }
            case LLNUM -> {
                writeLength(out, value.length(), 2);
                if (binary) {
                    writeBcd(out, value, false);
                } else {
                    writeAscii(out, value);
                }
            }
            case LLCHAR, LLLCHAR -> {
                writeLength(out, value.length(), type.prefixDigits());
                writeAscii(out, value);
            }
        }
    }

    private void writeNumber(final ByteBuffer out, final String digits, final int count) {
        final String padded = "0".repeat(Math.max(0, count - digits.length())) + digits;
        if (binary) {
            writeBcd(out, padded, true);
        } else {
            writeAscii(out, padded);
        }
    }

    private void writeLength(final ByteBuffer out, final int length, final int digits) {
        final String text = Integer.toString(length);
        writeNumber(out, text, digits);
    }

    /** BCD, two digits a byte; an odd count gets a zero nibble in front ({@code left}) or behind. */
    private static void writeBcd(final ByteBuffer out, final String digits, final boolean left) {
        final boolean odd = digits.length() % 2 == 1;
        final String all = !odd ? digits : left ? "0" + digits : digits + "0";
        for (int i = 0; i < all.length(); i += 2) {
            out.put((byte)((all.charAt(i) - '0') << 4 | (all.charAt(i + 1) - '0')));
        }
    }

    private void writeBinary(final ByteBuffer out, final String hex, final int bytes) {
        for (int i = 0; i < bytes; i++) {
            final int value = i * 2 + 1 < hex.length() ? Integer.parseInt(hex.substring(i * 2, i * 2 + 2), 16) : 0;
            if (binary) {
                out.put((byte)value);
            } else {
                out.put(HEX[value >>> 4]).put(HEX[value & 0xF]);
            }
        }
    }

    private void writeBitmap(final ByteBuffer out, final long bits) {
        if (binary) {
            out.putLong(bits);
            return;
        }
        for (int shift = 60; shift >= 0; shift -= 4) {
            out.put(HEX[(int)(bits >>> shift) & 0xF]);
        }
    }

    private static void writeAscii(final ByteBuffer out, final String text) {
        for (int i = 0; i < text.length(); i++) {
            out.put((byte)text.charAt(i));
        }
    }

    private static long bit(final int position) {
        return 1L << (64 - position);
    }
}
