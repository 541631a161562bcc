package io.ringfence.history;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * What every off-heap store over a {@link RecordTable} answers the same way: its size and shape, and the
 * administrative operations snapshots and recovery call (save, load, empty, digest). Owned by the business-logic
 * thread, as its table is.
 */
abstract class RecordStore {
    final RecordTable table;

    RecordStore(final RecordTable table) {
        this.table = table;
    }

    public int size() {
        return table.size();
    }

    public int capacity() {
        return table.capacity();
    }

    public int recordLength() {
        return table.recordLength();
    }

    public long evictions() {
        return table.evictions();
    }

    /** Saves the store's exact state; see {@link RecordTable#writeTo}. Admin operation: allocates a little. */
    public void writeTo(final WritableByteChannel out) throws IOException {
        table.writeTo(out);
    }

    /** Replaces the store's state with a saved one; see {@link RecordTable#readFrom} for what a failure leaves. */
    public void readFrom(final ReadableByteChannel in) throws IOException {
        table.readFrom(in);
    }

    /** Empties the store, as if just built. */
    public void clear() {
        table.clear();
    }

    public long digest(final long seed) {
        return table.digest(seed);
    }
}
