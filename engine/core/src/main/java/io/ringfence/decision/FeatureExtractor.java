package io.ringfence.decision;

import io.ringfence.api.Channel;
import io.ringfence.event.EngineEvent;
import io.ringfence.features.Feature;
import io.ringfence.features.FeatureVector;
import io.ringfence.history.CardRecord;
import io.ringfence.history.DistinctSketch;
import io.ringfence.history.EntityRecord;
import io.ringfence.history.IdentifierHistory;
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
    private static final long SECONDS_PER_DAY_LONG = 86_400L;
    private static final long SECONDS_PER_HOUR = 3_600L;
    /** The windows of the card summaries and the places' fraud rates: a day, a week, a month. */
    private static final Tier[] RATE_TIERS = {Tier.DAY, Tier.WEEK, Tier.MONTH};
    private static final Feature[] CARD_COUNT_FEATURES = {
        Feature.CARD_COUNT_24H, Feature.CARD_COUNT_7D, Feature.CARD_COUNT_30D};
    private static final Feature[] CARD_AVERAGE_FEATURES = {
        Feature.CARD_AVERAGE_AMOUNT_24H, Feature.CARD_AVERAGE_AMOUNT_7D, Feature.CARD_AVERAGE_AMOUNT_30D};
    private static final Feature[] AMOUNT_TO_AVERAGE_FEATURES = {
        Feature.AMOUNT_TO_AVERAGE_24H, Feature.AMOUNT_TO_AVERAGE_7D, Feature.AMOUNT_TO_AVERAGE_30D};
    private static final Feature[] TERMINAL_RATE_FEATURES = {
        Feature.TERMINAL_FRAUD_RATE_24H, Feature.TERMINAL_FRAUD_RATE_7D, Feature.TERMINAL_FRAUD_RATE_30D};
    private static final Feature[] MERCHANT_RATE_FEATURES = {
        Feature.MERCHANT_FRAUD_RATE_24H, Feature.MERCHANT_FRAUD_RATE_7D, Feature.MERCHANT_FRAUD_RATE_30D};

    /**
     * @param event                         the authorization (request part)
     * @param card                          the card's record, before this authorization is recorded
     * @param newCard                       whether the record was created for this authorization
     * @param merchant                      the merchant's record
     * @param terminal                      the terminal's record, or null when the request named no terminal
     * @param lastCardPresentTerminal     the record of the terminal where the card was last used in store, or null
     * @param now                           the event time in seconds
     * @param out                           receives the features
     */
    public void extract(final EngineEvent event, final CardRecord card, final boolean newCard,
        final EntityRecord merchant, final EntityRecord terminal, final EntityRecord lastCardPresentTerminal,
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

        int weekCount = 0;
        long weekAmount = 0;
        for (final Tier tier : TIERS) {
            int count = 0;
            long tierAmount = 0;
            for (final Channel channel : CHANNELS) {
                final int channelCount = card.count(tier, channel, now);
                final int channelAmount = card.amount(tier, channel, now);
                out.set(COUNT_FEATURES[channel.ordinal()][tier.ordinal()], channelCount);
                out.set(AMOUNT_FEATURES[channel.ordinal()][tier.ordinal()], channelAmount);
                count += channelCount;
                tierAmount += channelAmount;
            }
            final int summary = summaryIndex(tier);
            if (summary >= 0) {
                final double average = count == 0 ? 0.0 : (double)tierAmount / count;
                out.set(CARD_COUNT_FEATURES[summary], count);
                out.set(CARD_AVERAGE_FEATURES[summary], average);
                out.set(AMOUNT_TO_AVERAGE_FEATURES[summary], count == 0 ? 0.0 : amount / Math.max(1.0, average));
            }
            if (tier == Tier.WEEK) {
                weekCount = count;
                weekAmount = tierAmount;
            } else if (tier == Tier.MONTH) {
                final int before = count - weekCount;
                out.set(Feature.AMOUNT_TO_AVERAGE_BEFORE_7D, before <= 0 ? 0.0
                    : amount / Math.max(1.0, (double)(tierAmount - weekAmount) / before));
            }
        }
        final long secondOfDay = Math.floorMod(now, SECONDS_PER_DAY_LONG);
        out.set(Feature.HOUR_OF_DAY, secondOfDay / SECONDS_PER_HOUR);
        out.set(Feature.WEEKEND, flag(isWeekend(now)));
        out.set(Feature.SMALL_CNP_ATTEMPTS_1H, card.smallCardNotPresentAttemptsLastHour(now));
        out.set(Feature.DISTINCT_MERCHANTS, DistinctSketch.estimate(card.merchantSketch()));
        out.set(Feature.DISTINCT_DEVICES, DistinctSketch.estimate(card.deviceSketch()));
        out.set(Feature.NEW_DEVICE, flag(cardNotPresent && event.deviceKey != EngineEvent.NO_KEY
            && card.deviceSketch() != 0L && !DistinctSketch.mightContain(card.deviceSketch(), event.deviceKey)));
        out.set(Feature.IP_COUNTRY_MISMATCH, flag(differ(event.ipCountry, event.cardCountry)));
        out.set(Feature.IP_COUNTRY_AWAY_FROM_CARD, flag(cardNotPresent && differ(event.ipCountry, event.cardCountry)
            && event.ipCountry != card.lastCardPresentCountry()));
        out.set(Feature.BILLING_COUNTRY_MISMATCH, flag(differ(event.billingCountry, event.cardCountry)));
        out.set(Feature.FOREIGN_MERCHANT, flag(differ(event.merchantCountry, event.cardCountry)));
        out.set(Feature.IMPOSSIBLE_TRAVEL, flag(!cardNotPresent && card.lastCardPresentTime() != 0
            && differ(event.merchantCountry, card.lastCardPresentCountry())
            && now - card.lastCardPresentTime() < IMPOSSIBLE_TRAVEL_SECONDS));
        out.set(Feature.TERMINAL_FRAUD_REPORTS_30D, terminal == null ? 0 : terminal.fraudReportsLastMonth(now));
        out.set(Feature.MERCHANT_FRAUD_REPORTS_30D, merchant.fraudReportsLastMonth(now));
        final long lastTerminalNow = lastCardPresentTerminal == null ? now
            : Math.max(now, lastCardPresentTerminal.lastSeen());
        out.set(Feature.LAST_CP_TERMINAL_FRAUD_REPORTS_30D, lastCardPresentTerminal == null ? 0
            : lastCardPresentTerminal.fraudReportsLastMonth(lastTerminalNow));
        out.set(Feature.TERMINAL_TRANSACTIONS_24H, terminal == null ? 0 : terminal.transactionsLastDay(now));
        out.set(Feature.MERCHANT_TRANSACTIONS_24H, merchant.transactionsLastDay(now));
        for (int i = 0; i < RATE_TIERS.length; i++) {
            out.set(TERMINAL_RATE_FEATURES[i], terminal == null ? 0.0 : fraudRate(terminal, RATE_TIERS[i], now));
            out.set(MERCHANT_RATE_FEATURES[i], fraudRate(merchant, RATE_TIERS[i], now));
        }
        out.set(Feature.TERMINAL_COMPROMISE_RATE_30D, terminal == null ? 0.0 : compromiseRate(terminal, now));
        out.set(Feature.LAST_CP_TERMINAL_COMPROMISE_RATE_30D, lastCardPresentTerminal == null ? 0.0
            : compromiseRate(lastCardPresentTerminal, lastTerminalNow));
    }

    /**
     * The identity features of a card-not-present payment: how many cards its device, IP address and e-mail were used
     * with over the last day, before it. Left 0 in store.
     */
    public void extractIdentities(final EngineEvent event, final IdentifierHistory identifiers, final long now,
        final FeatureVector out) {
        if (event.channel != Channel.CNP) {
            return;
        }
        out.set(Feature.DEVICE_CARDS_24H, identifiers.distinctCards(IdentifierHistory.Kind.DEVICE, event.deviceKey, now));
        out.set(Feature.IP_CARDS_24H, identifiers.distinctCards(IdentifierHistory.Kind.IP, event.ipKey, now));
        out.set(Feature.EMAIL_CARDS_24H, identifiers.distinctCards(IdentifierHistory.Kind.EMAIL, event.emailKey, now));
    }

    /** Frauds here reported in the window over the transactions here in it (at least one). */
    private static double fraudRate(final EntityRecord place, final Tier tier, final long now) {
        return (double)place.fraudsHere(tier, now) / Math.max(1, place.transactions(tier, now));
    }

    /** Cards compromised here reported in the last 30 days over the transactions here in them (at least one). */
    private static double compromiseRate(final EntityRecord terminal, final long now) {
        return (double)terminal.fraudReportsLastMonth(now) / Math.max(1, terminal.transactions(Tier.MONTH, now));
    }

    /** The position of a tier among the day, week and month summaries, or -1 for the shorter tiers. */
    private static int summaryIndex(final Tier tier) {
        for (int i = 0; i < RATE_TIERS.length; i++) {
            if (RATE_TIERS[i] == tier) {
                return i;
            }
        }
        return -1;
    }

    /** Saturday or Sunday, UTC: 1970-01-01 was a Thursday. */
    static boolean isWeekend(final long epochSecond) {
        final long dayOfWeekFromMonday = Math.floorMod(Math.floorDiv(epochSecond, SECONDS_PER_DAY_LONG) + 3, 7);
        return dayOfWeekFromMonday >= 5;
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
