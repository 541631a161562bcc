package io.ringfence.snapshot;

import io.ringfence.decision.RiskEngine.StoreShape;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The start of a snapshot file: what it is, what state it holds and which engine can load it.
 *
 * <pre>
 *  "RFSNAP" | short format version | byte store byte order (0 little-endian, 1 big-endian)
 *  | short length + UTF-8 feature schema id | long last applied sequence | long state digest
 *  | int store count | per store: short length + UTF-8 name, int record length, int capacity
 * </pre>
 *
 * All fields big-endian. The store sections hold raw record memory in the writer's native byte order, so a
 * snapshot only loads on a machine of the same order.
 *
 * @param length the header's length in bytes, where the store sections start
 */
record SnapshotHeader(ByteOrder storeByteOrder, String schemaId, long lastAppliedSequence, long stateDigest,
    List<StoreShape> stores, int length) {

    static final byte[] MAGIC = "RFSNAP".getBytes(StandardCharsets.US_ASCII);
    /** Bump when the file layout, or the layout of any record in the stores, changes. */
    /**
     * 2: the state ends with the active model (version, serving file path, SHA-256); 3: then the rules and lists; 4: an
     * identifier store (devices, IP addresses, e-mails) after the terminals; 5: recent requests keep what each added
     * to the velocity windows, for reversals.
     */
    static final short FORMAT_VERSION = 5;
    /** Bytes read to decode a header: it holds a few numbers and short strings, far less than this. */
    static final int MAX_LENGTH = 64 * 1024;

    static SnapshotHeader of(final String schemaId, final long lastAppliedSequence, final long stateDigest,
        final List<StoreShape> stores) {
        int length = MAGIC.length + Short.BYTES + 1 + Short.BYTES + utf8(schemaId).length + 2 * Long.BYTES
            + Integer.BYTES;
        for (final StoreShape store : stores) {
            length += Short.BYTES + utf8(store.name()).length + 2 * Integer.BYTES;
        }
        return new SnapshotHeader(ByteOrder.nativeOrder(), schemaId, lastAppliedSequence, stateDigest, stores, length);
    }

    ByteBuffer encode() {
        final ByteBuffer out = ByteBuffer.allocate(length)
            .put(MAGIC)
            .putShort(FORMAT_VERSION)
            .put((byte)(storeByteOrder == ByteOrder.LITTLE_ENDIAN ? 0 : 1));
        putString(out, schemaId)
            .putLong(lastAppliedSequence)
            .putLong(stateDigest)
            .putInt(stores.size());
        for (final StoreShape store : stores) {
            putString(out, store.name()).putInt(store.recordLength()).putInt(store.capacity());
        }
        return out.flip();
    }

    /** Checks the magic and format version only, so a foreign file is named as such before anything else. */
    static void checkFormat(final ByteBuffer in) throws CorruptSnapshotException {
        try {
            final byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new CorruptSnapshotException("not a Ringfence snapshot (no RFSNAP magic)");
            }
            final short version = in.getShort();
            if (version != FORMAT_VERSION) {
                throw new CorruptSnapshotException("snapshot format version " + version + ", this engine reads "
                    + FORMAT_VERSION);
            }
        } catch (final BufferUnderflowException e) {
            throw new CorruptSnapshotException("truncated header");
        }
    }

    /** Reads a header from the start of a file whose checksum already matched. */
    static SnapshotHeader decode(final ByteBuffer in) throws CorruptSnapshotException {
        try {
            checkFormat(in);
            final ByteOrder order = in.get() == 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            final String schema = getString(in);
            final long sequence = in.getLong();
            final long digest = in.getLong();
            final int count = in.getInt();
            final List<StoreShape> stores = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                stores.add(new StoreShape(getString(in), in.getInt(), in.getInt()));
            }
            return new SnapshotHeader(order, schema, sequence, digest, List.copyOf(stores), in.position());
        } catch (final BufferUnderflowException | IllegalArgumentException e) {
            throw new CorruptSnapshotException("malformed header");
        }
    }

    private static ByteBuffer putString(final ByteBuffer out, final String value) {
        final byte[] bytes = utf8(value);
        return out.putShort((short)bytes.length).put(bytes);
    }

    private static String getString(final ByteBuffer in) {
        final byte[] bytes = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(final String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
