package io.ringfence.history;

import io.ringfence.api.Channel;
import io.ringfence.api.FlagReason;
import io.ringfence.ingress.CountryCodes;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CardRecordTest {
    private static final long T0 = 1_710_496_800L;
    private static final int OFFSET = 32;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[OFFSET + CardRecord.LENGTH + 32]);
    private final CardRecord card = new CardRecord().wrap(buffer, OFFSET);

    @Test
    void isAt244BytesWithinTheIssues256ByteTarget() {
        assertEquals(244, CardRecord.LENGTH);
        final CardHistory history = new CardHistory(1 << 12);
        assertEquals(252.0, history.bytesPerCard(), 1e-9);
        assertTrue(new CardHistory(1_000_000).bytesPerCard() <= 256.0);
    }

    @Test
    void startsWithItsIdentityAndNothingElse() {
        card.initialise(T0, 411111, 1111);
        assertEquals(T0, card.firstSeen());
        assertEquals(T0, card.lastSeen());
        assertEquals(411111, card.bin());
        assertEquals(1111, card.lastFour());
        assertFalse(card.isFlagged());
        assertEquals(FlagReason.NOT_FLAGGED, card.flagReason());
        assertEquals(0, card.declines());
        assertEquals(0L, card.lastCardPresentTerminal());
        for (final Tier tier : Tier.values()) {
            for (final Channel channel : Channel.values()) {
                assertEquals(0, card.count(tier, channel, T0));
            }
        }
    }

    @Test
    void timesAreUnsigned32BitSecondsGoodUntil2106() {
        final long year2100 = 4_102_444_800L;
        card.initialise(year2100, 0, 9);
        assertEquals(year2100, card.firstSeen());
        card.recordAuthorization(year2100 + 10, Channel.CP, 1, false, false, true, 1L, 0L);
        assertEquals(year2100 + 10, card.lastSeen());
        assertEquals(1, card.count(Tier.MINUTE, Channel.CP, year2100 + 10));
        assertEquals(9, card.lastFour());
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void eachTierCountsEachChannelWithinItsWindow(final Tier tier) {
        final long w = tier.seconds();
        for (final long start : new long[] {T0, T0 + 7}) {
            card.wrap(new UnsafeBuffer(new byte[CardRecord.LENGTH]), 0).initialise(start, 0, 0);
            card.recordAuthorization(start, Channel.CP, 10, false, false, true, 1L, 0L);
            card.recordAuthorization(start, Channel.CNP, 7, false, false, false, 2L, 3L);
            card.recordAuthorization(start, Channel.CNP, 5, false, false, false, 2L, 3L);

            for (final long age : new long[] {0, 1, 3 * w / 4 - 1}) {
                assertEquals(1, card.count(tier, Channel.CP, start + age), tier + " CP at age " + age);
                assertEquals(10, card.amount(tier, Channel.CP, start + age));
                assertEquals(2, card.count(tier, Channel.CNP, start + age), tier + " CNP at age " + age);
                assertEquals(12, card.amount(tier, Channel.CNP, start + age));
            }
            for (final long age : new long[] {w, w + 1, 2 * w}) {
                assertEquals(0, card.count(tier, Channel.CP, start + age), tier + " CP at age " + age);
                assertEquals(0, card.amount(tier, Channel.CP, start + age));
                assertEquals(0, card.count(tier, Channel.CNP, start + age), tier + " CNP at age " + age);
            }
        }
    }

    @Test
    void anOldEventLeavesTheShortWindowsButStaysInTheLongOnes() {
        card.initialise(T0, 0, 0);
        card.recordAuthorization(T0, Channel.CP, 40, false, false, true, 1L, 0L);
        final long twoHoursLater = T0 + 2 * 3_600;
        assertEquals(0, card.count(Tier.MINUTE, Channel.CP, twoHoursLater));
        assertEquals(0, card.count(Tier.HOUR, Channel.CP, twoHoursLater));
        assertEquals(1, card.count(Tier.DAY, Channel.CP, twoHoursLater));
        assertEquals(1, card.count(Tier.WEEK, Channel.CP, twoHoursLater));
        assertEquals(1, card.count(Tier.MONTH, Channel.CP, twoHoursLater));

        card.recordAuthorization(twoHoursLater, Channel.CP, 2, false, false, true, 1L, 0L);
        assertEquals(1, card.count(Tier.HOUR, Channel.CP, twoHoursLater));
        assertEquals(2, card.count(Tier.DAY, Channel.CP, twoHoursLater));
        assertEquals(42, card.amount(Tier.MONTH, Channel.CP, twoHoursLater));
        assertEquals(twoHoursLater, card.lastSeen());
    }

    @Test
    void aLateEventIsRecordedAtTheLastSeenTime() {
        card.initialise(T0, 0, 0);
        card.recordAuthorization(T0 + 600, Channel.CNP, 1, false, false, false, 1L, 0L);
        card.recordAuthorization(T0, Channel.CNP, 1, false, false, false, 1L, 0L);
        assertEquals(T0 + 600, card.lastSeen());
        assertEquals(2, card.count(Tier.MINUTE, Channel.CNP, T0 + 600));
    }

    @Test
    void theCardTestingWindowCountsSmallCardNotPresentAttemptsAndDeclinesOnly() {
        card.initialise(T0, 0, 0);
        card.recordAuthorization(T0, Channel.CNP, 1, true, false, false, 1L, 0L);
        card.recordAuthorization(T0 + 60, Channel.CNP, 1, true, true, false, 1L, 0L);
        card.recordAuthorization(T0 + 120, Channel.CNP, 300, false, true, false, 1L, 0L);
        card.recordAuthorization(T0 + 180, Channel.CP, 1, false, true, true, 1L, 0L);
        assertEquals(2, card.smallCardNotPresentAttemptsLastHour(T0 + 180));
        assertEquals(2, card.cardNotPresentDeclinesLastHour(T0 + 180));
        assertEquals(3, card.declines(), "declines ever count both channels");
        assertEquals(0, card.smallCardNotPresentAttemptsLastHour(T0 + 3_600 + 180));
        assertEquals(0, card.cardNotPresentDeclinesLastHour(T0 + 3_600 + 180));
    }

    @Test
    void declinesAndWindowAmountsSaturate() {
        card.initialise(T0, 0, 0);
        card.recordAuthorization(T0, Channel.CP, 1_000_000, false, false, false, 1L, 0L);
        assertEquals(65_535, card.amount(Tier.MINUTE, Channel.CP, T0));
        for (int i = 0; i < 66_000; i++) {
            card.recordAuthorization(T0, Channel.CNP, 1, false, true, false, 1L, 0L);
        }
        assertEquals(65_535, card.declines());
        assertEquals(65_535, card.count(Tier.MINUTE, Channel.CNP, T0));
        assertEquals(255, card.cardNotPresentDeclinesLastHour(T0));
    }

    @Test
    void aFlagKeepsItsFirstReasonAndTimeUntilCleared() {
        card.initialise(T0, 0, 0);
        card.flag(FlagReason.CNP_FRAUD_DECLINE, T0 + 5);
        card.flag(FlagReason.FRAUD_REPORT, T0 + 9);
        assertTrue(card.isFlagged());
        assertTrue(CardRecord.isFlagged(buffer, OFFSET));
        assertEquals(FlagReason.CNP_FRAUD_DECLINE, card.flagReason());
        assertEquals(T0 + 5, card.flagTime());
        card.clearFlag();
        assertFalse(card.isFlagged());
        assertEquals(0L, card.flagTime());
        card.flag(FlagReason.CARD_TESTING, T0 + 20);
        assertEquals(FlagReason.CARD_TESTING, card.flagReason());
    }

    @Test
    void remembersChipTheLastStoreAndTheMerchantsAndDevicesSeen() {
        card.initialise(T0, 0, 0);
        assertFalse(card.seenWithChip());
        card.recordAuthorization(T0, Channel.CP, 10, false, false, false, 11L, 0L);
        assertFalse(card.seenWithChip());
        card.recordAuthorization(T0, Channel.CP, 10, false, false, true, 12L, 0L);
        assertTrue(card.seenWithChip());
        card.recordAuthorization(T0, Channel.CNP, 10, false, false, false, 13L, 99L);
        assertEquals(3, DistinctSketch.estimate(card.merchantSketch()));
        assertTrue(DistinctSketch.mightContain(card.deviceSketch(), 99L));

        card.recordCardPresentLocation(T0 + 100, 777L, CountryCodes.pack("FR"));
        card.recordCardPresentLocation(T0 + 50, 778L, CountryCodes.pack("DE"));
        assertEquals(T0 + 100, card.lastCardPresentTime(), "a late event does not move the last store time back");
        assertEquals(778L, card.lastCardPresentTerminal());
        assertEquals("DE", CountryCodes.unpack(card.lastCardPresentCountry()));
    }

    @Test
    void writesOnlyInsideItsRecord() {
        buffer.setMemory(0, buffer.capacity(), (byte)0x77);
        buffer.setMemory(OFFSET, CardRecord.LENGTH, (byte)0);
        card.initialise(T0, 411111, 1111);
        for (int i = 0; i < 500; i++) {
            card.recordAuthorization(T0 + i * 997L, i % 2 == 0 ? Channel.CP : Channel.CNP, i, i % 3 == 0, i % 5 == 0,
                true, i, i);
            card.recordCardPresentLocation(T0 + i, i, (short)1);
            card.flag(FlagReason.FRAUD_REPORT, T0);
        }
        for (int i = 0; i < buffer.capacity(); i++) {
            if (i < OFFSET || i >= OFFSET + CardRecord.LENGTH) {
                assertEquals((byte)0x77, buffer.getByte(i), "byte " + i + " outside the record");
            }
        }
    }
}
