package io.ringfence.history;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Flyweight over a merchant's or terminal's record in an {@link EntityHistory}. 76 bytes:
 *
 * <pre>
 *   0 key: entity key, kind             16  LRU prev, next (RecordTable header)
 *  24 first seen (u32 s)                28  last seen (u32 s): reference time of both windows
 *  32 transactions, 24 hours: 4 buckets x {count u16, amount u16}
 *  48 fraud reports, 30 days: 4 buckets x {reports u16, reported amount u16}
 *  64 fraud reports ever (int)          68  distinct-card sketch (long)
 *  76 end
 * </pre>
 */
public final class EntityRecord {
    static final int FIRST_SEEN = RecordTable.HEADER_LENGTH;
    static final int LAST_SEEN = FIRST_SEEN + 4;
    static final int TRANSACTIONS = LAST_SEEN + 4;
    static final int FRAUD_REPORTS = TRANSACTIONS + 16;
    static final int TOTAL_FRAUD_REPORTS = FRAUD_REPORTS + 16;
    static final int CARD_SKETCH = TOTAL_FRAUD_REPORTS + 4;
    public static final int LENGTH = CARD_SKETCH + 8;

    private static final RollingWindow DAY = new RollingWindow(Tier.DAY.seconds(), 2);
    private static final RollingWindow MONTH = new RollingWindow(Tier.MONTH.seconds(), 2);

    private UnsafeBuffer buffer;
    private int offset;

    public EntityRecord wrap(final UnsafeBuffer buffer, final int offset) {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public long key() {
        return buffer.getLong(offset + RecordTable.KEY_HIGH_OFFSET);
    }

    public long firstSeen() {
        return u32(FIRST_SEEN);
    }

    public long lastSeen() {
        return u32(LAST_SEEN);
    }

    public int transactionsLastDay(final long now) {
        return DAY.sumFirst(buffer, offset + TRANSACTIONS, lastSeen(), now);
    }

    public int fraudReportsLastMonth(final long now) {
        return MONTH.sumFirst(buffer, offset + FRAUD_REPORTS, lastSeen(), now);
    }

    public int fraudReportsEver() {
        return buffer.getInt(offset + TOTAL_FRAUD_REPORTS);
    }

    public int distinctCards() {
        return DistinctSketch.estimate(buffer.getLong(offset + CARD_SKETCH));
    }

    void initialise(final long now) {
        putU32(FIRST_SEEN, now);
        putU32(LAST_SEEN, now);
    }

    public void recordTransaction(final long now, final long amountMajor, final long cardKey) {
        final long at = advanceTo(now);
        DAY.add(buffer, offset + TRANSACTIONS, at, 1, amountMajor);
        buffer.putLong(offset + CARD_SKETCH, DistinctSketch.add(buffer.getLong(offset + CARD_SKETCH), cardKey));
    }

    public void recordFraudReport(final long now, final long amountMajor) {
        final long at = advanceTo(now);
        MONTH.add(buffer, offset + FRAUD_REPORTS, at, 1, amountMajor);
        buffer.putInt(offset + TOTAL_FRAUD_REPORTS, fraudReportsEver() + 1);
    }

    private long advanceTo(final long now) {
        final long last = lastSeen();
        final long at = Math.max(now, last);
        if (at != last) {
            DAY.advance(buffer, offset + TRANSACTIONS, last, at);
            MONTH.advance(buffer, offset + FRAUD_REPORTS, last, at);
            putU32(LAST_SEEN, at);
        }
        return at;
    }

    private long u32(final int field) {
        return buffer.getInt(offset + field) & 0xFFFF_FFFFL;
    }

    private void putU32(final int field, final long value) {
        buffer.putInt(offset + field, (int)value);
    }
}
