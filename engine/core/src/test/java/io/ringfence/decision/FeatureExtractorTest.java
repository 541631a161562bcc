package io.ringfence.decision;

import io.ringfence.api.Channel;
import io.ringfence.api.EntryMode;
import io.ringfence.event.EngineEvent;
import io.ringfence.features.Feature;
import io.ringfence.features.FeatureVector;
import io.ringfence.hashing.StableHash;
import io.ringfence.history.CardRecord;
import io.ringfence.history.EntityHistory;
import io.ringfence.history.EntityRecord;
import io.ringfence.ingress.CountryCodes;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Feature extraction from hand-made records; the end-to-end scenarios are in RiskEngineTest. */
class FeatureExtractorTest {
    private static final long T0 = 1_710_496_800L;

    @Test
    void theAmountIsInMajorUnitsOfItsCurrency() {
        final EngineEvent event = new EngineEvent();
        event.clear();
        event.amountMinor = 12_345;
        event.currencyExponent = 2;
        assertEquals(123.45, FeatureExtractor.amountMajor(event), 1e-9);
        event.currencyExponent = 0;
        assertEquals(12_345.0, FeatureExtractor.amountMajor(event), 1e-9);
        event.currencyExponent = 3;
        assertEquals(12.345, FeatureExtractor.amountMajor(event), 1e-9);
    }

    @Test
    void cashOutMerchantCategoriesAreHighRisk() {
        for (final int mcc : new int[] {4829, 5816, 5933, 5967, 6051, 6540, 7995}) {
            assertTrue(FeatureExtractor.isHighRiskMcc(mcc), Integer.toString(mcc));
        }
        assertFalse(FeatureExtractor.isHighRiskMcc(5411));
        assertFalse(FeatureExtractor.isHighRiskMcc(EngineEvent.NO_MCC));
    }

    @Test
    void aCardPresentSwipeAbroadOnAChipCardWithHistory() {
        final CardRecord card = new CardRecord().wrap(new UnsafeBuffer(new byte[CardRecord.LENGTH]), 0);
        card.initialise(T0 - 10 * 86_400, 411111, 1111);
        card.recordAuthorization(T0 - 3_600, Channel.CP, 100, false, false, true, 5L, 0L);
        card.recordAuthorization(T0 - 60, Channel.CP, 50, false, false, true, 6L, 0L);
        card.recordCardPresentLocation(T0 - 60, 99L, CountryCodes.pack("US"));
        final EntityRecord merchant = entity();
        final EntityRecord terminal = entity();

        final EngineEvent event = new EngineEvent();
        event.clear();
        event.channel = Channel.CP;
        event.entryMode = EntryMode.SWIPE;
        event.amountMinor = 30_000;
        event.currencyExponent = 2;
        event.mcc = 6051;
        event.merchantKey = StableHash.of("m");
        event.merchantCountry = CountryCodes.pack("GB");
        event.cardCountry = CountryCodes.pack("US");

        final EntityRecord lastTerminal = entity();
        for (int report = 0; report < 3; report++) {
            lastTerminal.recordFraudReport(T0 - 3_600, 0);
        }

        final FeatureVector f = new FeatureVector();
        new FeatureExtractor().extract(event, card, false, merchant, terminal, lastTerminal, T0, f);
        assertEquals(300.0, f.get(Feature.AMOUNT));
        assertEquals(4.0, f.get(Feature.AMOUNT_TO_AVERAGE_30D), 1e-9, "300 against an average of 75");
        assertEquals(0.0, f.get(Feature.CARD_NOT_PRESENT));
        assertEquals(1.0, f.get(Feature.FALLBACK_ENTRY));
        assertEquals(1.0, f.get(Feature.CHIP_CARD_FALLBACK));
        assertEquals(1.0, f.get(Feature.HIGH_RISK_MCC));
        assertEquals(0.0, f.get(Feature.NEW_CARD));
        assertEquals(10.0, f.get(Feature.CARD_AGE_DAYS), 1e-9);
        assertEquals(60.0, f.get(Feature.SECONDS_SINCE_LAST_SEEN));
        assertEquals(0.0, f.get(Feature.CP_COUNT_1M), "the one a minute ago is 60 s old: out of the 1-minute window");
        assertEquals(1.0, f.get(Feature.CP_COUNT_1H), "the one an hour ago is out, the one a minute ago in");
        assertEquals(2.0, f.get(Feature.CP_COUNT_24H));
        assertEquals(150.0, f.get(Feature.CP_AMOUNT_30D));
        assertEquals(2.0, f.get(Feature.DISTINCT_MERCHANTS));
        assertEquals(1.0, f.get(Feature.FOREIGN_MERCHANT));
        assertEquals(1.0, f.get(Feature.IMPOSSIBLE_TRAVEL));
        assertEquals(0.0, f.get(Feature.IP_COUNTRY_MISMATCH), "no IP country: unknown is not a mismatch");
        assertEquals(3.0, f.get(Feature.LAST_CP_TERMINAL_FRAUD_REPORTS_30D));
        assertEquals(3.0, f.get(Feature.LAST_CP_TERMINAL_COMPROMISE_RATE_30D),
            "three compromised cards over no transactions there: a rate over at least one");
        assertEquals(0.0, f.get(Feature.NEW_DEVICE));
    }

    @Test
    void theCardsCountsAndAveragesSpanBothChannelsAndTheAmountIsRatedAgainstEach() {
        final CardRecord card = new CardRecord().wrap(new UnsafeBuffer(new byte[CardRecord.LENGTH]), 0);
        card.initialise(T0 - 20 * 86_400, 411111, 1111);
        card.recordAuthorization(T0 - 20 * 86_400, Channel.CP, 400, false, false, true, 5L, 0L);
        card.recordAuthorization(T0 - 3 * 86_400, Channel.CNP, 100, false, false, false, 6L, 0L);
        card.recordAuthorization(T0 - 3_600, Channel.CP, 20, false, false, true, 5L, 0L);

        final FeatureVector f = extract(card, 60_000, entity(), entity());
        assertEquals(1.0, f.get(Feature.CARD_COUNT_24H));
        assertEquals(2.0, f.get(Feature.CARD_COUNT_7D));
        assertEquals(3.0, f.get(Feature.CARD_COUNT_30D));
        assertEquals(20.0, f.get(Feature.CARD_AVERAGE_AMOUNT_24H), 1e-9);
        assertEquals(60.0, f.get(Feature.CARD_AVERAGE_AMOUNT_7D), 1e-9);
        assertEquals(520.0 / 3, f.get(Feature.CARD_AVERAGE_AMOUNT_30D), 1e-9);
        assertEquals(30.0, f.get(Feature.AMOUNT_TO_AVERAGE_24H), 1e-9);
        assertEquals(10.0, f.get(Feature.AMOUNT_TO_AVERAGE_7D), 1e-9);
        assertEquals(600.0 / (520.0 / 3), f.get(Feature.AMOUNT_TO_AVERAGE_30D), 1e-9);
    }

    @Test
    void theHourAndWeekendAreTheEventTimesInUtc() {
        final FeatureVector friday = extract(freshCard(), 100, entity(), entity());
        assertEquals(10.0, friday.get(Feature.HOUR_OF_DAY), "T0 is Friday 2024-03-15 10:00 UTC");
        assertEquals(0.0, friday.get(Feature.WEEKEND));
        assertTrue(FeatureExtractor.isWeekend(T0 + 86_400));
        assertTrue(FeatureExtractor.isWeekend(T0 + 2 * 86_400));
        assertFalse(FeatureExtractor.isWeekend(T0 + 3 * 86_400));
    }

    @Test
    void aPlacesFraudRateIsItsReportedFraudsOverItsTransactionsInTheSameWindow() {
        final EntityRecord terminal = new EntityHistory(1).findOrCreate(1L, T0 - 30 * 86_400, new EntityRecord());
        final EntityRecord merchant = new EntityHistory(1).findOrCreate(1L, T0 - 30 * 86_400, new EntityRecord());
        for (int i = 0; i < 10; i++) {
            terminal.recordTransaction(T0 - 10 * 86_400 + i, 10, i);
            merchant.recordTransaction(T0 - 10 * 86_400 + i, 10, i);
        }
        for (int i = 0; i < 4; i++) {
            terminal.recordTransaction(T0 - 3_600 + i, 10, i);
            merchant.recordTransaction(T0 - 3_600 + i, 10, i);
        }
        terminal.recordFraudHere(T0 - 60);
        merchant.recordFraudHere(T0 - 60);
        merchant.recordFraudHere(T0 - 30);

        final FeatureVector f = extract(freshCard(), 100, merchant, terminal);
        assertEquals(1.0 / 4, f.get(Feature.TERMINAL_FRAUD_RATE_24H), 1e-9);
        assertEquals(1.0 / 4, f.get(Feature.TERMINAL_FRAUD_RATE_7D), 1e-9);
        assertEquals(1.0 / 14, f.get(Feature.TERMINAL_FRAUD_RATE_30D), 1e-9);
        assertEquals(2.0 / 4, f.get(Feature.MERCHANT_FRAUD_RATE_24H), 1e-9);
        assertEquals(2.0 / 14, f.get(Feature.MERCHANT_FRAUD_RATE_30D), 1e-9);
        assertEquals(0.0, f.get(Feature.TERMINAL_COMPROMISE_RATE_30D), "no card was compromised here");
        assertEquals(0.0, extract(freshCard(), 100, merchant, null).get(Feature.TERMINAL_FRAUD_RATE_7D),
            "no terminal, no terminal rate");
    }

    private static CardRecord freshCard() {
        final CardRecord card = new CardRecord().wrap(new UnsafeBuffer(new byte[CardRecord.LENGTH]), 0);
        card.initialise(T0, 411111, 1111);
        return card;
    }

    /** A card-present chip payment of {@code amountMinor} cents at T0. */
    private static FeatureVector extract(final CardRecord card, final long amountMinor, final EntityRecord merchant,
                                         final EntityRecord terminal) {
        final EngineEvent event = new EngineEvent();
        event.clear();
        event.channel = Channel.CP;
        event.entryMode = EntryMode.CHIP;
        event.amountMinor = amountMinor;
        event.currencyExponent = 2;
        event.merchantKey = StableHash.of("m");
        final FeatureVector f = new FeatureVector();
        new FeatureExtractor().extract(event, card, false, merchant, terminal, null, T0, f);
        return f;
    }

    private static EntityRecord entity() {
        return new EntityHistory(1).findOrCreate(1L, T0, new EntityRecord());
    }
}
