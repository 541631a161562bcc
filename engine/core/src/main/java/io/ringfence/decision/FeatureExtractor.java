package io.ringfence.decision;

import io.ringfence.api.Channel;
import io.ringfence.event.EngineEvent;
import io.ringfence.features.Feature;
import io.ringfence.features.FeatureVector;
import io.ringfence.history.CardRecord;
import io.ringfence.history.DistinctSketch;
import io.ringfence.history.EntityRecord;
import io.ringfence.history.Tier;

/**
 * Computes the {@link Feature} vector of one authorization from the event and the card, merchant and terminal
 * history as it stood before this authorization. The one feature code path: live scoring, replay and model
 * training all call it. Pure reads, no allocation.
 */
public final class FeatureExtractor {
    /** Card-present use in another country sooner than this after the previous one is impossible travel. */
    public static final long IMPOSSIBLE_TRAVEL_SECONDS = 2 * 3_600;
    private static final long SECONDS_SINCE_LAST_SEEN_CAP = Tier.MONTH.seconds();
    private static final double SECONDS_PER_DAY = 86_400.0;
    private static final int[] HIGH_RISK_MCCS = {4829, 5816, 5933, 5967, 6051, 6540, 7995};
    private static final double[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000};
    private static final Tier[] TIERS = Tier.values();
    private static final Feature[][] COUNT_FEATURES = {
        {Feature.CP_COUNT_1M, Feature.CP_COUNT_1H, Feature.CP_COUNT_24H, Feature.CP_COUNT_7D, Feature.CP_COUNT_30D},
        {Feature.CNP_COUNT_1M, Feature.CNP_COUNT_1H, Feature.CNP_COUNT_24H, Feature.CNP_COUNT_7D, Feature.CNP_COUNT_30D},
    };
    private static final Feature[][] AMOUNT_FEATURES = {
        {Feature.CP_AMOUNT_1M, Feature.CP_AMOUNT_1H, Feature.CP_AMOUNT_24H, Feature.CP_AMOUNT_7D, Feature.CP_AMOUNT_30D},
        {Feature.CNP_AMOUNT_1M, Feature.CNP_AMOUNT_1H, Feature.CNP_AMOUNT_24H, Feature.CNP_AMOUNT_7D,
            Feature.CNP_AMOUNT_30D},
    };
    private static final Channel[] CHANNELS = Channel.values();

    /**
     * @param event                         the authorization (request part)
     * @param card                          the card's record, before this authorization is recorded
     * @param newCard                       whether the record was created for this authorization
     * @param merchant                      the merchant's record
     * @param terminal                      the terminal's record, or null when the request named no terminal
     * @param lastCardPresentTerminalReports 30-day fraud reports at the card's last card-present terminal
     * @param now                           the event time in seconds
     * @param out                           receives the features
     */
    public void extract(final EngineEvent event, final CardRecord card, final boolean newCard,
        final EntityRecord merchant, final EntityRecord terminal, final int lastCardPresentTerminalReports,
        final long now, final FeatureVector out) {
        final double amount = amountMajor(event);
        final boolean cardNotPresent = event.channel == Channel.CNP;
        out.set(Feature.AMOUNT, amount);
        out.set(Feature.CARD_NOT_PRESENT, flag(cardNotPresent));
        final boolean fallback = !cardNotPresent && event.entryMode.isCardPresentFallback();
        out.set(Feature.FALLBACK_ENTRY, flag(fallback));
        out.set(Feature.CHIP_CARD_FALLBACK, flag(fallback && card.seenWithChip()));
        out.set(Feature.HIGH_RISK_MCC, flag(isHighRiskMcc(event.mcc)));
        out.set(Feature.NEW_CARD, flag(newCard));
        out.set(Feature.CARD_AGE_DAYS, Math.max(0, now - card.firstSeen()) / SECONDS_PER_DAY);
        out.set(Feature.SECONDS_SINCE_LAST_SEEN,
            newCard ? SECONDS_SINCE_LAST_SEEN_CAP : Math.min(SECONDS_SINCE_LAST_SEEN_CAP, Math.max(0, now - card.lastSeen())));

        int count30d = 0;
        long amount30d = 0;
        for (final Channel channel : CHANNELS) {
            for (final Tier tier : TIERS) {
                final int count = card.count(tier, channel, now);
                final int tierAmount = card.amount(tier, channel, now);
                out.set(COUNT_FEATURES[channel.ordinal()][tier.ordinal()], count);
                out.set(AMOUNT_FEATURES[channel.ordinal()][tier.ordinal()], tierAmount);
                if (tier == Tier.MONTH) {
                    count30d += count;
                    amount30d += tierAmount;
                }
            }
        }
        out.set(Feature.AMOUNT_TO_AVERAGE_30D, count30d == 0 ? 0.0 : amount / Math.max(1.0, (double)amount30d / count30d));
        out.set(Feature.SMALL_CNP_ATTEMPTS_1H, card.smallCardNotPresentAttemptsLastHour(now));
        out.set(Feature.CNP_DECLINES_1H, card.cardNotPresentDeclinesLastHour(now));
        out.set(Feature.DECLINES_TOTAL, card.declines());
        out.set(Feature.DISTINCT_MERCHANTS, DistinctSketch.estimate(card.merchantSketch()));
        out.set(Feature.DISTINCT_DEVICES, DistinctSketch.estimate(card.deviceSketch()));
        out.set(Feature.NEW_DEVICE, flag(cardNotPresent && event.deviceKey != EngineEvent.NO_KEY
            && card.deviceSketch() != 0L && !DistinctSketch.mightContain(card.deviceSketch(), event.deviceKey)));
        out.set(Feature.IP_COUNTRY_MISMATCH, flag(differ(event.ipCountry, event.cardCountry)));
        out.set(Feature.BILLING_COUNTRY_MISMATCH, flag(differ(event.billingCountry, event.cardCountry)));
        out.set(Feature.FOREIGN_MERCHANT, flag(differ(event.merchantCountry, event.cardCountry)));
        out.set(Feature.IMPOSSIBLE_TRAVEL, flag(!cardNotPresent && card.lastCardPresentTime() != 0
            && differ(event.merchantCountry, card.lastCardPresentCountry())
            && now - card.lastCardPresentTime() < IMPOSSIBLE_TRAVEL_SECONDS));
        out.set(Feature.TERMINAL_FRAUD_REPORTS_30D, terminal == null ? 0 : terminal.fraudReportsLastMonth(now));
        out.set(Feature.MERCHANT_FRAUD_REPORTS_30D, merchant.fraudReportsLastMonth(now));
        out.set(Feature.LAST_CP_TERMINAL_FRAUD_REPORTS_30D, lastCardPresentTerminalReports);
        out.set(Feature.TERMINAL_TRANSACTIONS_24H, terminal == null ? 0 : terminal.transactionsLastDay(now));
        out.set(Feature.MERCHANT_TRANSACTIONS_24H, merchant.transactionsLastDay(now));
    }

    /** The event's amount in major units of its currency. */
    public static double amountMajor(final EngineEvent event) {
        return event.amountMinor / POWERS_OF_TEN[Math.min(event.currencyExponent, POWERS_OF_TEN.length - 1)];
    }

    static boolean isHighRiskMcc(final int mcc) {
        for (final int risky : HIGH_RISK_MCCS) {
            if (risky == mcc) {
                return true;
            }
        }
        return false;
    }

    private static boolean differ(final short a, final short b) {
        return a != EngineEvent.UNKNOWN && b != EngineEvent.UNKNOWN && a != b;
    }

    private static double flag(final boolean value) {
        return value ? 1.0 : 0.0;
    }
}
