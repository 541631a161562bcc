package io.ringfence.history;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Merchants or terminals, keyed by their stable 64-bit key, off-heap, least recently seen evicted when full:
 * transaction counts and the fraud reports received, so a skimmed terminal or a leaky merchant shows up.
 *
 * <p>Owned by the business-logic thread.
 */
public final class EntityHistory {
    private final RecordTable table;

    public EntityHistory(final int capacity) {
        table = new RecordTable(EntityRecord.LENGTH, capacity, null);
    }

    /** Points {@code record} at the entity, creating it at {@code now} if unknown, and marks it most recent. */
    public EntityRecord findOrCreate(final long key, final long now, final EntityRecord record) {
        int index = table.find(key, 0L);
        if (index < 0) {
            index = table.insert(key, 0L);
            record.wrap(table.buffer(index), table.offset(index)).initialise(now);
            return record;
        }
        table.touch(index);
        return record.wrap(table.buffer(index), table.offset(index));
    }

    /** Points {@code record} at the entity without creating or touching it; false when unknown. */
    public boolean peek(final long key, final EntityRecord record) {
        final int index = table.find(key, 0L);
        if (index < 0) {
            return false;
        }
        record.wrap(table.buffer(index), table.offset(index));
        return true;
    }

    public int size() {
        return table.size();
    }

    public long evictions() {
        return table.evictions();
    }

    public int capacity() {
        return table.capacity();
    }

    public int recordLength() {
        return table.recordLength();
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
