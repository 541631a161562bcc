package io.ringfence.journal;

import net.openhft.chronicle.bytes.Bytes;

/**
 * The 64-bit checksum every journal record ends with, over all the record's bytes before it: a flipped bit or a
 * torn write is found on replay instead of being decided on. Each step of the mix is a bijection of the running
 * value, so any change confined to one 8-byte word always changes the checksum; other damage goes unnoticed with
 * odds of one in 2^64. Computed over the bytes as written, a word at a time; allocation-free.
 */
final class RecordChecksum {
    static final int LENGTH = Long.BYTES;
    private static final long SEED = 0x52696e67436865L;
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    private RecordChecksum() {
    }

    /** Appends the checksum of the bytes from {@code recordStart} to the write position. */
    static void append(final Bytes<?> bytes, final long recordStart) {
        bytes.writeLong(of(bytes, recordStart, bytes.writePosition()));
    }

    /**
     * Whether the record from the read position to the read limit ends with the checksum of the bytes before it.
     * Moves nothing.
     */
    static boolean holds(final Bytes<?> bytes) {
        final long start = bytes.readPosition();
        final long end = bytes.readLimit();
        return end - start >= LENGTH && bytes.readLong(end - LENGTH) == of(bytes, start, end - LENGTH);
    }

    private static long of(final Bytes<?> bytes, final long from, final long to) {
        long h = SEED;
        long position = from;
        for (; position + Long.BYTES <= to; position += Long.BYTES) {
            h = Long.rotateLeft((h ^ bytes.readLong(position)) * MULTIPLIER, 29);
        }
        for (; position < to; position++) {
            h = Long.rotateLeft((h ^ bytes.readByte(position)) * MULTIPLIER, 29);
        }
        return h ^ (to - from);
    }
}
