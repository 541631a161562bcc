package io.ringfence.history;

import io.ringfence.api.FlagReason;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Which card a wallet or network token stands for: token fingerprint to card fingerprint, off-heap, least
 * recently used evicted when full. An authorization made with a linked token shares its card's history and flag.
 * A link evicted while its card is flagged moves to the {@link FlagStore}, so churn of this store never turns a
 * flagged card's token into a card the engine does not know.
 *
 * <p>Owned by the business-logic thread.
 */
public final class TokenLinks {
    private static final int CARD_HIGH = RecordTable.HEADER_LENGTH;
    private static final int CARD_LOW = CARD_HIGH + 8;
    static final int LENGTH = CARD_LOW + 8;

    private final RecordTable table;
    private final FlagStore flags;
    private long resolvedHigh;
    private long resolvedLow;
    private long pinsRefused;

    public TokenLinks(final int capacity, final FlagStore flags) {
        this.flags = flags;
        table = new RecordTable(LENGTH, capacity, this::pinIfFlagged);
    }

    /** Links whose card was flagged but which found no room in the flag store when evicted. */
    public long pinsRefused() {
        return pinsRefused;
    }

    /**
     * Consulted for the record about to be evicted: always lets it go, after pinning the link in the flag store when
     * its card is flagged.
     */
    private boolean pinIfFlagged(final UnsafeBuffer buffer, final int offset) {
        final long cardHigh = buffer.getLong(offset + CARD_HIGH);
        final long cardLow = buffer.getLong(offset + CARD_LOW);
        if (flags.reasonOf(cardHigh, cardLow) != FlagReason.NOT_FLAGGED
            && !flags.pinLink(buffer.getLong(offset + RecordTable.KEY_HIGH_OFFSET),
                buffer.getLong(offset + RecordTable.KEY_LOW_OFFSET), cardHigh, cardLow)) {
            pinsRefused++;
        }
        return true;
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
