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
    /** The reverse index: a card's two most recently linked tokens (high, low each; zero when none). */
    private static final int TOKEN_1 = RecordTable.HEADER_LENGTH;
    private static final int TOKEN_2 = TOKEN_1 + 16;
    private static final int BY_CARD_LENGTH = TOKEN_2 + 16;

    private final RecordTable table;
    private final RecordTable byCard;
    private final FlagStore flags;
    private long resolvedHigh;
    private long resolvedLow;
    private long pinsRefused;

    public TokenLinks(final int capacity, final FlagStore flags) {
        this.flags = flags;
        table = new RecordTable(LENGTH, capacity, new RecordTable.EvictionGuard() {
            @Override
            public boolean mayEvict(final UnsafeBuffer buffer, final int offset) {
                return true;
            }

            @Override
            public void evicting(final UnsafeBuffer buffer, final int offset) {
                pinIfFlagged(buffer, offset);
            }
        });
        byCard = new RecordTable(BY_CARD_LENGTH, capacity, null);
    }

    /** Links whose card was flagged but which found no room in the flag store when evicted. */
    public long pinsRefused() {
        return pinsRefused;
    }

    /** A link about to be evicted moves to the flag store when its card is flagged. */
    private void pinIfFlagged(final UnsafeBuffer buffer, final int offset) {
        final long cardHigh = buffer.getLong(offset + CARD_HIGH);
        final long cardLow = buffer.getLong(offset + CARD_LOW);
        if (flags.reasonOf(cardHigh, cardLow) != FlagReason.NOT_FLAGGED
            && !flags.pinLink(buffer.getLong(offset + RecordTable.KEY_HIGH_OFFSET),
                buffer.getLong(offset + RecordTable.KEY_LOW_OFFSET), cardHigh, cardLow)) {
            pinsRefused++;
        }
    }

    /** Links the token to the card, replacing any earlier link of that token. */
    public void link(final long tokenHigh, final long tokenLow, final long cardHigh, final long cardLow) {
        final int index = table.findOrInsert(tokenHigh, tokenLow);
        table.buffer(index).putLong(table.offset(index) + CARD_HIGH, cardHigh);
        table.buffer(index).putLong(table.offset(index) + CARD_LOW, cardLow);
        rememberForCard(cardHigh, cardLow, tokenHigh, tokenLow);
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

    /**
     * Pins, in the flag store, the links to a card that has just been flagged from its two most recently linked
     * tokens, so a stand-in refuses them too (a stand-in reads only the flag store).
     *
     * @return links the full flag store could not take
     */
    public int pinTokensOf(final long cardHigh, final long cardLow) {
        final int index = byCard.find(cardHigh, cardLow);
        if (index < 0) {
            return 0;
        }
        final UnsafeBuffer buffer = byCard.buffer(index);
        final int offset = byCard.offset(index);
        return pin(buffer, offset + TOKEN_1, cardHigh, cardLow) + pin(buffer, offset + TOKEN_2, cardHigh, cardLow);
    }

    /** Pins the token at {@code at}, if there is one; 1 when the flag store refused it. */
    private int pin(final UnsafeBuffer buffer, final int at, final long cardHigh, final long cardLow) {
        final long high = buffer.getLong(at);
        final long low = buffer.getLong(at + 8);
        return (high != 0 || low != 0) && !flags.pinLink(high, low, cardHigh, cardLow) ? 1 : 0;
    }

    private void rememberForCard(final long cardHigh, final long cardLow, final long tokenHigh, final long tokenLow) {
        final int index = byCard.findOrInsert(cardHigh, cardLow);
        final UnsafeBuffer buffer = byCard.buffer(index);
        final int offset = byCard.offset(index);
        if (buffer.getLong(offset + TOKEN_1) == tokenHigh && buffer.getLong(offset + TOKEN_1 + 8) == tokenLow) {
            return;
        }
        buffer.putLong(offset + TOKEN_2, buffer.getLong(offset + TOKEN_1));
        buffer.putLong(offset + TOKEN_2 + 8, buffer.getLong(offset + TOKEN_1 + 8));
        buffer.putLong(offset + TOKEN_1, tokenHigh);
        buffer.putLong(offset + TOKEN_1 + 8, tokenLow);
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
        byCard.writeTo(out);
    }

    /** Replaces the store's state with a saved one; see {@link RecordTable#readFrom} for what a failure leaves. */
    public void readFrom(final ReadableByteChannel in) throws IOException {
        table.readFrom(in);
        byCard.readFrom(in);
    }

    /** Empties the store, as if just built. */
    public void clear() {
        table.clear();
        byCard.clear();
    }

    public long digest(final long seed) {
        return byCard.digest(table.digest(seed));
    }
}
