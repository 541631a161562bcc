package io.ringfence.history;

/**
 * Every card the engine has seen, keyed by fingerprint, off-heap, at most {@code capacity} cards. When full, the
 * least recently seen card is evicted; flagged cards are passed over while an unflagged one is among the 16
 * oldest, so a full store does not quietly forget a stolen card.
 *
 * <p>Owned by the business-logic thread.
 */
public final class CardHistory extends RecordStore {
    public CardHistory(final int capacity) {
        super(new RecordTable(CardRecord.LENGTH, capacity, (buffer, offset) -> !CardRecord.isFlagged(buffer, offset)));
    }

    /** Points {@code record} at the card and marks it most recently seen; false when the card is unknown. */
    public boolean find(final long fingerprintHigh, final long fingerprintLow, final CardRecord record) {
        final int index = table.find(fingerprintHigh, fingerprintLow);
        if (index < 0) {
            return false;
        }
        table.touch(index);
        record.wrap(table.buffer(index), table.offset(index));
        return true;
    }

    /** Points {@code record} at a new card's record, evicting the least recently seen card if full. */
    public void create(final long fingerprintHigh, final long fingerprintLow, final long now, final int bin,
        final int lastFour, final CardRecord record) {
        final int index = table.insert(fingerprintHigh, fingerprintLow);
        record.wrap(table.buffer(index), table.offset(index)).initialise(now, bin, lastFour);
    }

    /** Points {@code record} at the card with this record index (0 to size - 1), for dumps. */
    public void wrapAt(final int index, final CardRecord record) {
        record.wrap(table.buffer(index), table.offset(index));
    }

    /** Evictions that had to drop a flagged card. */
    public long flaggedEvictions() {
        return table.guardOverrides();
    }

    public double bytesPerCard() {
        return table.bytesPerRecord();
    }
}
