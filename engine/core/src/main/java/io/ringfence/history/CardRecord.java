package io.ringfence.history;

import io.ringfence.api.Channel;
import io.ringfence.api.FlagReason;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Flyweight over one card's record in the {@link CardHistory}. 244 bytes per card:
 *
 * <pre>
 *   0 key: fingerprint high, low        16  LRU prev, next (RecordTable header)
 *  24 first seen (u32 s)                28  last seen (u32 s): the reference time of every window below
 *  32 BIN (int)                         36  last four (u16)
 *  38 flag reason (u8, 0 = not flagged) 39  traits (u8: bit 0 = seen with chip)
 *  40 flag time (u32 s)                 44  last card-present time (u32 s)
 *  48 last card-present terminal (long) 56  last card-present country (u16)
 *  58 declines (u16, saturating)        60  merchant sketch (long)       68  device sketch (long)
 *  76 windows: 5 tiers x {CP, CNP} x 4 buckets x {count u16, amount in major units u16}   (160 bytes)
 * 236 card-testing window, 1 hour: 4 buckets x {small CNP attempts u8, CNP declines u8}  (8 bytes)
 * 244 end
 * </pre>
 *
 * Times are seconds since the Unix epoch as unsigned 32-bit values (good until 2106). Amounts in the windows
 * are whole major units of the transaction's currency, saturating at 65,535 per bucket; there is no currency
 * conversion.
 */
public final class CardRecord {
    static final int FIRST_SEEN = RecordTable.HEADER_LENGTH;
    static final int LAST_SEEN = FIRST_SEEN + 4;
    static final int BIN = LAST_SEEN + 4;
    static final int LAST_FOUR = BIN + 4;
    static final int FLAG_REASON = LAST_FOUR + 2;
    static final int TRAITS = FLAG_REASON + 1;
    static final int FLAG_TIME = TRAITS + 1;
    static final int LAST_CP_TIME = FLAG_TIME + 4;
    static final int LAST_CP_TERMINAL = LAST_CP_TIME + 4;
    static final int LAST_CP_COUNTRY = LAST_CP_TERMINAL + 8;
    static final int DECLINES = LAST_CP_COUNTRY + 2;
    static final int MERCHANT_SKETCH = DECLINES + 2;
    static final int DEVICE_SKETCH = MERCHANT_SKETCH + 8;
    static final int WINDOWS = DEVICE_SKETCH + 8;
    static final int WINDOW_LENGTH = 16;
    static final int CARD_TESTING = WINDOWS + Tier.values().length * 2 * WINDOW_LENGTH;
    public static final int LENGTH = CARD_TESTING + 8;

    private static final int TRAIT_SEEN_WITH_CHIP = 1;
    private static final Tier[] TIERS = Tier.values();
    private static final RollingWindow[] WINDOW_OF_TIER = new RollingWindow[TIERS.length];
    private static final RollingWindow CARD_TESTING_WINDOW = new RollingWindow(3_600, 1);

    static {
        for (final Tier tier : TIERS) {
            WINDOW_OF_TIER[tier.ordinal()] = new RollingWindow(tier.seconds(), 2);
        }
    }

    private UnsafeBuffer buffer;
    private int offset;

    public CardRecord wrap(final UnsafeBuffer buffer, final int offset) {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public long fingerprintHigh() {
        return buffer.getLong(offset + RecordTable.KEY_HIGH_OFFSET);
    }

    public long fingerprintLow() {
        return buffer.getLong(offset + RecordTable.KEY_LOW_OFFSET);
    }

    public long firstSeen() {
        return u32(FIRST_SEEN);
    }

    public long lastSeen() {
        return u32(LAST_SEEN);
    }

    public int bin() {
        return buffer.getInt(offset + BIN);
    }

    public int lastFour() {
        return buffer.getShort(offset + LAST_FOUR) & 0xFFFF;
    }

    public boolean isFlagged() {
        return buffer.getByte(offset + FLAG_REASON) != 0;
    }

    public FlagReason flagReason() {
        return FlagReason.fromOrdinal(buffer.getByte(offset + FLAG_REASON));
    }

    public long flagTime() {
        return u32(FLAG_TIME);
    }

    public boolean seenWithChip() {
        return (buffer.getByte(offset + TRAITS) & TRAIT_SEEN_WITH_CHIP) != 0;
    }

    public long lastCardPresentTime() {
        return u32(LAST_CP_TIME);
    }

    public long lastCardPresentTerminal() {
        return buffer.getLong(offset + LAST_CP_TERMINAL);
    }

    public short lastCardPresentCountry() {
        return buffer.getShort(offset + LAST_CP_COUNTRY);
    }

    public int declines() {
        return buffer.getShort(offset + DECLINES) & 0xFFFF;
    }

    public long merchantSketch() {
        return buffer.getLong(offset + MERCHANT_SKETCH);
    }

    public long deviceSketch() {
        return buffer.getLong(offset + DEVICE_SKETCH);
    }

    /** Authorizations on the channel within the tier's window ending at {@code now}, excluding any at {@code now} not yet recorded. */
    public int count(final Tier tier, final Channel channel, final long now) {
        return WINDOW_OF_TIER[tier.ordinal()].sumFirst(buffer, windowOffset(tier, channel), lastSeen(), now);
    }

    /** Amount in whole major units on the channel within the tier's window ending at {@code now}. */
    public int amount(final Tier tier, final Channel channel, final long now) {
        return WINDOW_OF_TIER[tier.ordinal()].sumSecond(buffer, windowOffset(tier, channel), lastSeen(), now);
    }

    public int smallCardNotPresentAttemptsLastHour(final long now) {
        return CARD_TESTING_WINDOW.sumFirst(buffer, offset + CARD_TESTING, lastSeen(), now);
    }

    public int cardNotPresentDeclinesLastHour(final long now) {
        return CARD_TESTING_WINDOW.sumSecond(buffer, offset + CARD_TESTING, lastSeen(), now);
    }

    /** Starts a new card's record; the key is already set. */
    public void initialise(final long now, final int bin, final int lastFour) {
        putU32(FIRST_SEEN, now);
        putU32(LAST_SEEN, now);
        buffer.putInt(offset + BIN, bin);
        buffer.putShort(offset + LAST_FOUR, (short)lastFour);
    }

    /**
     * Records an authorization decided at {@code now} (clamped to the last-seen time): rolls every window
     * forward, then adds the authorization.
     */
    public void recordAuthorization(final long now, final Channel channel, final long amountMajor,
        final boolean smallAttempt, final boolean declined, final boolean chip, final long merchantKey,
        final long deviceKey) {
        final long at = Math.max(now, lastSeen());
        advanceTo(at);
        for (final Tier tier : TIERS) {
            WINDOW_OF_TIER[tier.ordinal()].add(buffer, windowOffset(tier, channel), at, 1, amountMajor);
        }
        if (channel == Channel.CNP) {
            CARD_TESTING_WINDOW.add(buffer, offset + CARD_TESTING, at, smallAttempt ? 1 : 0, declined ? 1 : 0);
        }
        if (declined) {
            buffer.putShort(offset + DECLINES, (short)Math.min(0xFFFF, declines() + 1));
        }
        if (chip) {
            buffer.putByte(offset + TRAITS, (byte)(buffer.getByte(offset + TRAITS) | TRAIT_SEEN_WITH_CHIP));
        }
        buffer.putLong(offset + MERCHANT_SKETCH, DistinctSketch.add(merchantSketch(), merchantKey));
        if (deviceKey != 0L) {
            buffer.putLong(offset + DEVICE_SKETCH, DistinctSketch.add(deviceSketch(), deviceKey));
        }
    }

    /**
     * Takes a reversed authorization, recorded at {@code at} with {@code amountMajor}, out of the velocity windows
     * that still hold it. The card-testing window and the decline count keep it: a reversal does not make an attempt
     * unmade.
     */
    public void reverseAuthorization(final long at, final Channel channel, final long amountMajor) {
        for (final Tier tier : TIERS) {
            WINDOW_OF_TIER[tier.ordinal()].subtract(buffer, windowOffset(tier, channel), lastSeen(), at, 1, amountMajor);
        }
    }

    /** Remembers where the card was last used in store, for impossible travel and points of compromise. */
    public void recordCardPresentLocation(final long now, final long terminalKey, final short country) {
        putU32(LAST_CP_TIME, Math.max(now, lastCardPresentTime()));
        buffer.putLong(offset + LAST_CP_TERMINAL, terminalKey);
        buffer.putShort(offset + LAST_CP_COUNTRY, country);
    }

    /** Flags the card; an earlier flag keeps its reason and time. */
    public void flag(final FlagReason reason, final long now) {
        if (!isFlagged()) {
            buffer.putByte(offset + FLAG_REASON, (byte)reason.ordinal());
            putU32(FLAG_TIME, now);
        }
    }

    /**
     * Lifts the flag. Also forgets the last hour's card-testing evidence: the declines the flag itself caused
     * would otherwise re-flag the card on its next online attempt, undoing the analyst's verdict.
     */
    public void clearFlag() {
        buffer.putByte(offset + FLAG_REASON, (byte)0);
        putU32(FLAG_TIME, 0);
        buffer.setMemory(offset + CARD_TESTING, LENGTH - CARD_TESTING, (byte)0);
    }

    private void advanceTo(final long at) {
        final long last = lastSeen();
        if (at == last) {
            return;
        }
        for (final Tier tier : TIERS) {
            final RollingWindow window = WINDOW_OF_TIER[tier.ordinal()];
            window.advance(buffer, windowOffset(tier, Channel.CP), last, at);
            window.advance(buffer, windowOffset(tier, Channel.CNP), last, at);
        }
        CARD_TESTING_WINDOW.advance(buffer, offset + CARD_TESTING, last, at);
        putU32(LAST_SEEN, at);
    }

    private int windowOffset(final Tier tier, final Channel channel) {
        return offset + WINDOWS + (tier.ordinal() * 2 + channel.ordinal()) * WINDOW_LENGTH;
    }

    private long u32(final int field) {
        return buffer.getInt(offset + field) & 0xFFFF_FFFFL;
    }

    private void putU32(final int field, final long value) {
        buffer.putInt(offset + field, (int)value);
    }

    static boolean isFlagged(final UnsafeBuffer buffer, final int offset) {
        return buffer.getByte(offset + FLAG_REASON) != 0;
    }
}
