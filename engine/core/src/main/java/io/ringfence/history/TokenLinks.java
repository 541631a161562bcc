package io.ringfence.history;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Which card a wallet or network token stands for: token fingerprint to card fingerprint, off-heap, least
 * recently used evicted when full. An authorization made with a linked token shares its card's history and flag.
 *
 * <p>Owned by the business-logic thread.
 */
public final class TokenLinks {
    private static final int CARD_HIGH = RecordTable.HEADER_LENGTH;
    private static final int CARD_LOW = CARD_HIGH + 8;
    static final int LENGTH = CARD_LOW + 8;

    private final RecordTable table;
    private long resolvedHigh;
    private long resolvedLow;

    public TokenLinks(final int capacity) {
        table = new RecordTable(LENGTH, capacity, null);
    }

    /** Links the token to the card, replacing any earlier link of that token. */
    public void link(final long tokenHigh, final long tokenLow, final long cardHigh, final long cardLow) {
        int index = table.find(tokenHigh, tokenLow);
        if (index < 0) {
            index = table.insert(tokenHigh, tokenLow);
        } else {
            table.touch(index);
        }
        table.buffer(index).putLong(table.offset(index) + CARD_HIGH, cardHigh);
        table.buffer(index).putLong(table.offset(index) + CARD_LOW, cardLow);
    }

    /**
     * Resolves a fingerprint through the links: afterwards {@link #resolvedHigh()} and {@link #resolvedLow()} hold
     * the linked card, or the fingerprint itself when it is not a linked token.
     */
    public void resolve(final long high, final long low) {
        final int index = table.find(high, low);
        if (index < 0) {
            resolvedHigh = high;
            resolvedLow = low;
        } else {
            table.touch(index);
            resolvedHigh = table.buffer(index).getLong(table.offset(index) + CARD_HIGH);
            resolvedLow = table.buffer(index).getLong(table.offset(index) + CARD_LOW);
        }
    }

    public long resolvedHigh() {
        return resolvedHigh;
    }

    public long resolvedLow() {
        return resolvedLow;
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
