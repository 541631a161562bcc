package io.ringfence.history;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * The cards each card-not-present identifier (device, IP address, e-mail, as ingress's keyed hashes) was used with
 * over about the last day, off-heap, least recently seen evicted when full: one device or address paying with many
 * cards is a fraud ring's or a card-testing bot's.
 *
 * <p>A record is 60 bytes:
 * <pre>
 *   0 key: identifier key, kind         16  LRU prev, next (RecordTable header)
 *  24 last seen (u32 s)                 28  four distinct-card sketches (long), one per 6-hour period of the epoch
 *  60 end
 * </pre>
 * The estimate is over the union of the four periods' sketches: the current period and the three before it, so the
 * window spans 18 to 24 hours. Owned by the business-logic thread.
 */
public final class IdentifierHistory extends RecordStore {
    /** What an identifier is: part of the key, so a device and an e-mail with equal hashes stay apart. */
    public enum Kind {
        DEVICE, IP, EMAIL
    }

    static final int LAST_SEEN = RecordTable.HEADER_LENGTH;
    static final int SKETCHES = LAST_SEEN + 4;
    private static final int PERIODS = 4;
    public static final int LENGTH = SKETCHES + PERIODS * Long.BYTES;
    private static final long PERIOD_SECONDS = Tier.DAY.seconds() / PERIODS;

    public IdentifierHistory(final int capacity) {
        super(new RecordTable(LENGTH, capacity, null));
    }

    /**
     * Distinct cards the identifier was used with in the window ending {@code now}, before this payment; 0 for an
     * identifier never seen (or {@code key} 0, none given).
     */
    public int distinctCards(final Kind kind, final long key, final long now) {
        if (key == 0L) {
            return 0;
        }
        final int index = table.find(key, kind.ordinal() + 1L);
        if (index < 0) {
            return 0;
        }
        final UnsafeBuffer buffer = table.buffer(index);
        final int offset = table.offset(index);
        final long lastPeriod = (buffer.getInt(offset + LAST_SEEN) & 0xFFFF_FFFFL) / PERIOD_SECONDS;
        final long nowPeriod = Math.max(now / PERIOD_SECONDS, lastPeriod);
        long union = 0L;
        for (long period = Math.max(lastPeriod - PERIODS + 1, nowPeriod - PERIODS + 1); period <= lastPeriod; period++) {
            union |= buffer.getLong(sketch(offset, period));
        }
        return DistinctSketch.estimate(union);
    }

    /** Records that the identifier was used with the card at {@code now}; nothing for {@code key} 0. */
    public void record(final Kind kind, final long key, final long cardKey, final long now) {
        if (key == 0L) {
            return;
        }
        int index = table.find(key, kind.ordinal() + 1L);
        if (index < 0) {
            index = table.insert(key, kind.ordinal() + 1L);
        } else {
            table.touch(index);
        }
        final UnsafeBuffer buffer = table.buffer(index);
        final int offset = table.offset(index);
        final long last = buffer.getInt(offset + LAST_SEEN) & 0xFFFF_FFFFL;
        final long at = Math.max(now, last);
        final long lastPeriod = last / PERIOD_SECONDS;
        final long atPeriod = at / PERIOD_SECONDS;
        for (long period = Math.max(lastPeriod + 1, atPeriod - PERIODS + 1); period <= atPeriod; period++) {
            buffer.putLong(sketch(offset, period), 0L);
        }
        buffer.putInt(offset + LAST_SEEN, (int)at);
        final int slot = sketch(offset, atPeriod);
        buffer.putLong(slot, DistinctSketch.add(buffer.getLong(slot), cardKey));
    }

    private static int sketch(final int offset, final long period) {
        return offset + SKETCHES + (int)Math.floorMod(period, (long)PERIODS) * Long.BYTES;
    }
}
