package io.ringfence.server.iso8583;

import io.netty.buffer.ByteBuf;

/**
 * Writes responses, length header included, in the connection's wire format. A response carries the request's
 * fields 3, 4, 7, 11, 12, 13, 32, 37, 41, 42, 49 and 70 exactly as they arrived (copied, never re-encoded: jPOS's
 * QMUX matches a response on MTI, 41 and 11), then 39, and 38 on approvals. Field 2 is never among them: a response
 * never carries the card number.
 */
final class IsoResponseWriter {
    /** The request fields a response echoes, ascending. */
    static final int[] ECHOED = {3, 4, 7, 11, 12, 13, 32, 37, 41, 42, 49, 70};
    private static final int AUTH_CODE_FIELD = 38;
    private static final int RESPONSE_CODE_FIELD = 39;
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};

    /**
     * The echoed fields of one request, copied out of its frame so the answer can be written after the frame is gone.
     * Sized for the largest the echoed fields can be in the ASCII format.
     */
    static final class Echo {
        private final byte[] raw = new byte[128];
        private final int[] offset = new int[ECHOED.length + 1];
        private int present;

        void capture(final IsoMessage message) {
            present = 0;
            int at = 0;
            for (int i = 0; i < ECHOED.length; i++) {
                offset[i] = at;
                if (message.readable(ECHOED[i])) {
                    message.copyRaw(ECHOED[i], raw, at);
                    at += message.rawLength(ECHOED[i]);
                    present |= 1 << i;
                }
            }
            offset[ECHOED.length] = at;
        }

        boolean has(final int field) {
            for (int i = 0; i < ECHOED.length; i++) {
                if (ECHOED[i] == field) {
                    return (present & 1 << i) != 0;
                }
            }
            return false;
        }

        /**
         * Six digits derived from the request's STAN, RRN, terminal and merchant: a retry of the same request gets the
         * same approval code, and the code needs no state.
         */
        int approvalCode() {
            int hash = 0x811C9DC5;
            for (int i = 0; i < ECHOED.length; i++) {
                final int field = ECHOED[i];
                if (field == 11 || field == 37 || field == 41 || field == 42) {
                    for (int b = offset[i]; b < offset[i + 1]; b++) {
                        hash = (hash ^ (raw[b] & 0xFF)) * 0x01000193;
                    }
                }
            }
            return Integer.remainderUnsigned(hash, 1_000_000);
        }
    }

    private final boolean binary;

    IsoResponseWriter(final boolean binary) {
        this.binary = binary;
    }

    /** Bytes of length header the format puts before each message. */
    int headerBytes() {
        return binary ? 2 : 4;
    }

    /**
     * Appends one response to {@code out}.
     *
     * @param responseCode field 39, two characters
     * @param approval     whether to add field 38, the approval code
     */
    void write(final ByteBuf out, final int mti, final Echo echo, final String responseCode, final boolean approval) {
        final int lengthAt = out.writerIndex();
        out.writeZero(headerBytes());
        final int messageAt = out.writerIndex();
        if (binary) {
            out.writeByte((mti / 1000 % 10) << 4 | mti / 100 % 10);
            out.writeByte((mti / 10 % 10) << 4 | mti % 10);
        } else {
            writeDigits(out, mti, 4);
        }
        long primary = bit(RESPONSE_CODE_FIELD) | (approval ? bit(AUTH_CODE_FIELD) : 0L);
        long secondary = 0L;
        for (int i = 0; i < ECHOED.length; i++) {
            if ((echo.present & 1 << i) != 0) {
                if (ECHOED[i] <= 64) {
                    primary |= bit(ECHOED[i]);
                } else {
                    secondary |= bit(ECHOED[i] - 64);
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
        boolean codesWritten = false;
        for (int i = 0; i < ECHOED.length; i++) {
            if (!codesWritten && ECHOED[i] > RESPONSE_CODE_FIELD) {
                writeCodes(out, echo, responseCode, approval);
                codesWritten = true;
            }
            if ((echo.present & 1 << i) != 0) {
                out.writeBytes(echo.raw, echo.offset[i], echo.offset[i + 1] - echo.offset[i]);
            }
        }
        if (!codesWritten) {
            writeCodes(out, echo, responseCode, approval);
        }
        final int length = out.writerIndex() - messageAt;
        if (binary) {
            out.setShort(lengthAt, length);
        } else {
            for (int i = 3, rest = length; i >= 0; i--, rest /= 10) {
                out.setByte(lengthAt + i, '0' + rest % 10);
            }
        }
    }

    private static void writeCodes(final ByteBuf out, final Echo echo, final String responseCode,
        final boolean approval) {
        if (approval) {
            writeDigits(out, echo.approvalCode(), 6);
        }
        out.writeByte(responseCode.charAt(0));
        out.writeByte(responseCode.charAt(1));
    }

    private void writeBitmap(final ByteBuf out, final long bits) {
        if (binary) {
            out.writeLong(bits);
            return;
        }
        for (int shift = 60; shift >= 0; shift -= 4) {
            out.writeByte(HEX[(int)(bits >>> shift) & 0xF]);
        }
    }

    private static void writeDigits(final ByteBuf out, final int value, final int count) {
        int divisor = 1;
        for (int i = 1; i < count; i++) {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10) {
            out.writeByte('0' + value / divisor % 10);
        }
    }

    private static long bit(final int position) {
        return 1L << (64 - position);
    }
}
