package io.ringfence.history;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Flyweight over a merchant's or terminal's record in an {@link EntityHistory}. 156 bytes:
 *
 * <pre>
 *   0 key: entity key, kind             16  LRU prev, next (RecordTable header)
 *  24 first seen (u32 s)                28  last seen (u32 s): reference time of every window
 *  32 transactions, 24 hours: 4 buckets x {count u16, amount u16}
 *  48 fraud reports, 30 days: 4 buckets x {reports u16, reported amount u16}
 *  64 fraud reports ever (int)          68  distinct-card sketch (long)
 *  76 transactions, 7 days              92  transactions, 30 days: each 4 buckets x {count u16, amount u16}
 * 108 frauds here, 24 hours  124  7 days  140  30 days: each 4 buckets x {reports u16, unused u16}
 * 156 end
 * </pre>
 *
 * <p>Fraud reports (30 days) are what the owner counts as reports about this place: for a terminal, cards whose
 * point of compromise it was; for a merchant, frauds at the merchant. Frauds here are reports of frauds that
 * happened at this very place; over the transactions of the same window they make its fraud rate as known at the
 * time (reports arrive after the fraud, so the rate lags it by the reporting delay). Counters saturate at 65,535 a
 * bucket, which caps the transaction counts of the busiest places and so raises their rates a little.
 */
public final class EntityRecord {
    static final int FIRST_SEEN = RecordTable.HEADER_LENGTH;
    static final int LAST_SEEN = FIRST_SEEN + 4;
    static final int TRANSACTIONS = LAST_SEEN + 4;
    static final int FRAUD_REPORTS = TRANSACTIONS + 16;
    static final int TOTAL_FRAUD_REPORTS = FRAUD_REPORTS + 16;
    static final int CARD_SKETCH = TOTAL_FRAUD_REPORTS + 4;
    static final int TRANSACTIONS_WEEK = CARD_SKETCH + 8;
    static final int TRANSACTIONS_MONTH = TRANSACTIONS_WEEK + 16;
    static final int FRAUDS_HERE_DAY = TRANSACTIONS_MONTH + 16;
    static final int FRAUDS_HERE_WEEK = FRAUDS_HERE_DAY + 16;
    static final int FRAUDS_HERE_MONTH = FRAUDS_HERE_WEEK + 16;
    public static final int LENGTH = FRAUDS_HERE_MONTH + 16;

    private static final RollingWindow DAY = new RollingWindow(Tier.DAY.seconds(), 2);
    private static final RollingWindow WEEK = new RollingWindow(Tier.WEEK.seconds(), 2);
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

    /** Transactions here in the last day, week or month (the {@link Tier#DAY} to {@link Tier#MONTH} windows). */
    public int transactions(final Tier tier, final long now) {
        return switch (tier) {
            case DAY -> DAY.sumFirst(buffer, offset + TRANSACTIONS, lastSeen(), now);
            case WEEK -> WEEK.sumFirst(buffer, offset + TRANSACTIONS_WEEK, lastSeen(), now);
            case MONTH -> MONTH.sumFirst(buffer, offset + TRANSACTIONS_MONTH, lastSeen(), now);
            default -> throw new IllegalArgumentException("no " + tier + " window for a place");
        };
    }

    /** Reports, received in the last day, week or month, of frauds that happened here. */
    public int fraudsHere(final Tier tier, final long now) {
        return switch (tier) {
            case DAY -> DAY.sumFirst(buffer, offset + FRAUDS_HERE_DAY, lastSeen(), now);
            case WEEK -> WEEK.sumFirst(buffer, offset + FRAUDS_HERE_WEEK, lastSeen(), now);
            case MONTH -> MONTH.sumFirst(buffer, offset + FRAUDS_HERE_MONTH, lastSeen(), now);
            default -> throw new IllegalArgumentException("no " + tier + " window for a place");
        };
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
        WEEK.add(buffer, offset + TRANSACTIONS_WEEK, at, 1, amountMajor);
        MONTH.add(buffer, offset + TRANSACTIONS_MONTH, at, 1, amountMajor);
        buffer.putLong(offset + CARD_SKETCH, DistinctSketch.add(buffer.getLong(offset + CARD_SKETCH), cardKey));
    }

    /** Takes a reversed transaction, recorded at {@code at}, out of the windows that still hold it. */
    public void reverseTransaction(final long at, final long amountMajor) {
        final long last = lastSeen();
        DAY.subtract(buffer, offset + TRANSACTIONS, last, at, 1, amountMajor);
        WEEK.subtract(buffer, offset + TRANSACTIONS_WEEK, last, at, 1, amountMajor);
        MONTH.subtract(buffer, offset + TRANSACTIONS_MONTH, last, at, 1, amountMajor);
    }

    public void recordFraudReport(final long now, final long amountMajor) {
        final long at = advanceTo(now);
        MONTH.add(buffer, offset + FRAUD_REPORTS, at, 1, amountMajor);
        buffer.putInt(offset + TOTAL_FRAUD_REPORTS, fraudReportsEver() + 1);
    }

    /** A report of a fraud that happened here. */
    public void recordFraudHere(final long now) {
        final long at = advanceTo(now);
        DAY.add(buffer, offset + FRAUDS_HERE_DAY, at, 1, 0);
        WEEK.add(buffer, offset + FRAUDS_HERE_WEEK, at, 1, 0);
        MONTH.add(buffer, offset + FRAUDS_HERE_MONTH, at, 1, 0);
    }

    private long advanceTo(final long now) {
        final long last = lastSeen();
        final long at = Math.max(now, last);
        if (at != last) {
            DAY.advance(buffer, offset + TRANSACTIONS, last, at);
            MONTH.advance(buffer, offset + FRAUD_REPORTS, last, at);
            WEEK.advance(buffer, offset + TRANSACTIONS_WEEK, last, at);
            MONTH.advance(buffer, offset + TRANSACTIONS_MONTH, last, at);
            DAY.advance(buffer, offset + FRAUDS_HERE_DAY, last, at);
            WEEK.advance(buffer, offset + FRAUDS_HERE_WEEK, last, at);
            MONTH.advance(buffer, offset + FRAUDS_HERE_MONTH, last, at);
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
