package io.ringfence.history;

import io.ringfence.api.Action;
import io.ringfence.api.Channel;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The authorizations decided recently, by merchant and request id, with a hash of their content and the decision
 * given: what makes a retry a retry. Each also keeps what it added to the velocity windows (card, terminal, time,
 * amount, channel), so a reversal can take it back, once. Off-heap, fixed capacity, the least recently decided forgotten first; an entry
 * older than the idempotency window no longer counts. Rebuilt on recovery by replaying the journal, and kept in
 * snapshots, so a retry after a restart still gets the first answer.
 *
 * <p>Owned by the business-logic thread.
 *
 * <pre>
 *  0 key: merchant key, request id hash (RecordTable header)
 * 24 content hash (i64)     32 decided at, epoch ms (i64)
 * 40 score (i32)            44 action, response code, reason 0, 1, 2 (u8 ordinals + 1, 0 = none)
 * 49 card fingerprint high, low (i64 x 2)      65 terminal key (i64)
 * 73 recorded at, s (u32)    77 amount, whole major units (i32)
 * 81 channel (u8 ordinal + 1) 82 reversed (u8)
 * </pre>
 */
public final class RecentRequests extends RecordStore {
    private static final int CONTENT = RecordTable.HEADER_LENGTH;
    private static final int TIME = CONTENT + 8;
    private static final int SCORE = TIME + 8;
    private static final int ACTION = SCORE + 4;
    private static final int CODE = ACTION + 1;
    private static final int REASONS = CODE + 1;
    private static final int CARD_HIGH = REASONS + 3;
    private static final int CARD_LOW = CARD_HIGH + 8;
    private static final int TERMINAL = CARD_LOW + 8;
    private static final int RECORDED_AT = TERMINAL + 8;
    private static final int AMOUNT = RECORDED_AT + 4;
    private static final int CHANNEL = AMOUNT + 4;
    private static final int REVERSED = CHANNEL + 1;
    static final int LENGTH = REVERSED + 1;
    private static final Channel[] CHANNELS = Channel.values();
    private static final Action[] ACTIONS = Action.values();
    private static final ResponseCode[] CODES = ResponseCode.values();
    private static final ReasonCode[] REASON_CODES = ReasonCode.values();

    private UnsafeBuffer buffer;
    private int offset;

    public RecentRequests(final int capacity) {
        super(new RecordTable(LENGTH, capacity, null));
    }

    /**
     * Finds the request; afterwards the accessors read its entry.
     *
     * @return false when the merchant has no decided request by that id within the window ending at
     *     {@code nowMillis}
     */
    public boolean find(final long merchantKey, final long requestIdHash, final long nowMillis,
        final long windowMillis) {
        final int index = table.find(merchantKey, requestIdHash);
        if (index < 0) {
            return false;
        }
        buffer = table.buffer(index);
        offset = table.offset(index);
        return nowMillis - buffer.getLong(offset + TIME) < windowMillis;
    }

    /**
     * Records a decision, replacing an older entry for the same merchant and request id; afterwards
     * {@link #recordContribution} adds what it put in the velocity windows.
     */
    public void record(final long merchantKey, final long requestIdHash, final long contentHash, final long timeMillis,
        final Action action, final ResponseCode code, final int score, final ReasonCode reason0,
        final ReasonCode reason1, final ReasonCode reason2) {
        final int index = table.findOrInsert(merchantKey, requestIdHash);
        final UnsafeBuffer b = table.buffer(index);
        final int o = table.offset(index);
        buffer = b;
        offset = o;
        b.setMemory(o + CARD_HIGH, LENGTH - CARD_HIGH, (byte)0);
        b.putLong(o + CONTENT, contentHash);
        b.putLong(o + TIME, timeMillis);
        b.putInt(o + SCORE, score);
        b.putByte(o + ACTION, ordinal(action));
        b.putByte(o + CODE, ordinal(code));
        b.putByte(o + REASONS, ordinal(reason0));
        b.putByte(o + REASONS + 1, ordinal(reason1));
        b.putByte(o + REASONS + 2, ordinal(reason2));
    }

    /** What the entry last {@link #record recorded} or {@link #find found} added to the velocity windows. */
    public void recordContribution(final long cardHigh, final long cardLow, final long terminalKey,
        final long recordedAtSeconds, final long amountMajor, final Channel channel) {
        buffer.putLong(offset + CARD_HIGH, cardHigh);
        buffer.putLong(offset + CARD_LOW, cardLow);
        buffer.putLong(offset + TERMINAL, terminalKey);
        buffer.putInt(offset + RECORDED_AT, (int)recordedAtSeconds);
        buffer.putInt(offset + AMOUNT, (int)Math.min(Integer.MAX_VALUE, amountMajor));
        buffer.putByte(offset + CHANNEL, ordinal(channel));
    }

    public long cardHigh() {
        return buffer.getLong(offset + CARD_HIGH);
    }

    public long cardLow() {
        return buffer.getLong(offset + CARD_LOW);
    }

    public long terminalKey() {
        return buffer.getLong(offset + TERMINAL);
    }

    public long recordedAtSeconds() {
        return buffer.getInt(offset + RECORDED_AT) & 0xFFFF_FFFFL;
    }

    public int amountMajor() {
        return buffer.getInt(offset + AMOUNT);
    }

    /** The channel of the found entry, or null when it added nothing to the windows (a refused request). */
    public Channel channel() {
        return value(CHANNELS, buffer.getByte(offset + CHANNEL));
    }

    public boolean reversed() {
        return buffer.getByte(offset + REVERSED) != 0;
    }

    /** Marks the found entry reversed: a second reversal of it changes nothing. */
    public void markReversed() {
        buffer.putByte(offset + REVERSED, (byte)1);
    }

    public long contentHash() {
        return buffer.getLong(offset + CONTENT);
    }

    public int score() {
        return buffer.getInt(offset + SCORE);
    }

    public Action action() {
        return value(ACTIONS, buffer.getByte(offset + ACTION));
    }

    public ResponseCode responseCode() {
        return value(CODES, buffer.getByte(offset + CODE));
    }

    /** The {@code slot}th reason (0 to 2), or null. */
    public ReasonCode reason(final int slot) {
        return value(REASON_CODES, buffer.getByte(offset + REASONS + slot));
    }

    private static byte ordinal(final Enum<?> value) {
        return (byte)(value == null ? 0 : value.ordinal() + 1);
    }

    private static <E> E value(final E[] values, final byte stored) {
        return stored == 0 ? null : values[stored - 1];
    }
}
