package io.ringfence.history;

/**
 * Merchants or terminals, keyed by their stable 64-bit key, off-heap, least recently seen evicted when full:
 * transaction counts and the fraud reports received, so a skimmed terminal or a leaky merchant shows up.
 *
 * <p>Owned by the business-logic thread.
 */
public final class EntityHistory extends RecordStore {
    public EntityHistory(final int capacity) {
        super(new RecordTable(EntityRecord.LENGTH, capacity, null));
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
}
