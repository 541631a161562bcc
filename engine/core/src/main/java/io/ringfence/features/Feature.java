package io.ringfence.features;

import io.ringfence.api.ReasonCode;

/**
 * The features the engine computes for every authorization, in vector order. This order, the names and their
 * meaning are {@link FeatureSchema#VERSION} of the schema: changing any of them is a new version, and models
 * trained on the old one are refused.
 *
 * <p>Each feature names the reason code it speaks for when it pushes a score up, or null when it never explains
 * a decision on its own.
 *
 * <p>No feature counts the engine's own past declines: a model trained on them would learn the scorer that made
 * the training data's decisions, not fraud. The card-testing rule still reads the card's recent declines, outside
 * the vector.
 */
public enum Feature {
    /** Amount in major units of the transaction currency. */
    AMOUNT(ReasonCode.LARGE_AMOUNT),
    /** Amount over the card's 30-day average amount (both channels); 0 without 30-day history. */
    AMOUNT_TO_AVERAGE_30D(ReasonCode.AMOUNT_SPIKE),
    /** Amount over the card's 24-hour average amount (both channels); 0 without 24-hour history. */
    AMOUNT_TO_AVERAGE_24H(ReasonCode.AMOUNT_SPIKE),
    /** Amount over the card's 7-day average amount (both channels); 0 without 7-day history. */
    AMOUNT_TO_AVERAGE_7D(ReasonCode.AMOUNT_SPIKE),
    /**
     * Amount over the card's average amount 7 to 30 days ago (both channels): a baseline a compromise of the last week
     * has not yet swollen; 0 without payments then.
     */
    AMOUNT_TO_AVERAGE_BEFORE_7D(ReasonCode.AMOUNT_SPIKE),
    /** The card's authorizations in the last 24 hours, both channels. */
    CARD_COUNT_24H(null),
    CARD_COUNT_7D(null),
    CARD_COUNT_30D(null),
    /** The card's average amount over the last 24 hours, both channels; 0 without history. */
    CARD_AVERAGE_AMOUNT_24H(null),
    CARD_AVERAGE_AMOUNT_7D(null),
    CARD_AVERAGE_AMOUNT_30D(null),
    /** Hour of the day of the event time, UTC, 0 to 23. */
    HOUR_OF_DAY(null),
    /** 1 on Saturday and Sunday, UTC. */
    WEEKEND(null),
    /** 1 for card-not-present. */
    CARD_NOT_PRESENT(null),
    /** 1 for a magnetic stripe or key-entered card-present transaction. */
    FALLBACK_ENTRY(ReasonCode.FALLBACK_ENTRY),
    /** 1 for a stripe or key-entered transaction on a card that has been read by chip before. */
    CHIP_CARD_FALLBACK(ReasonCode.FALLBACK_ENTRY),
    /** 1 for a merchant category associated with cash-out fraud (wires, quasi-cash, betting, stored value). */
    HIGH_RISK_MCC(ReasonCode.HIGH_RISK_MCC),
    /** 1 when the engine has never seen the card. */
    NEW_CARD(ReasonCode.NEW_CARD),
    /** Days since the card was first seen. */
    CARD_AGE_DAYS(null),
    /** Seconds since the card's previous authorization, capped at 30 days. */
    SECONDS_SINCE_LAST_SEEN(null),
    CP_COUNT_1M(ReasonCode.VELOCITY_CARD_1M),
    CP_COUNT_1H(ReasonCode.VELOCITY_CARD_1H),
    CP_COUNT_24H(ReasonCode.VELOCITY_CARD_24H),
    CP_COUNT_7D(null),
    CP_COUNT_30D(null),
    CNP_COUNT_1M(ReasonCode.VELOCITY_CARD_1M),
    CNP_COUNT_1H(ReasonCode.VELOCITY_CARD_1H),
    CNP_COUNT_24H(ReasonCode.VELOCITY_CARD_24H),
    CNP_COUNT_7D(null),
    CNP_COUNT_30D(null),
    CP_AMOUNT_1M(ReasonCode.VELOCITY_CARD_1M),
    CP_AMOUNT_1H(ReasonCode.VELOCITY_CARD_1H),
    CP_AMOUNT_24H(ReasonCode.VELOCITY_CARD_24H),
    CP_AMOUNT_7D(null),
    CP_AMOUNT_30D(null),
    CNP_AMOUNT_1M(ReasonCode.VELOCITY_CARD_1M),
    CNP_AMOUNT_1H(ReasonCode.VELOCITY_CARD_1H),
    CNP_AMOUNT_24H(ReasonCode.VELOCITY_CARD_24H),
    CNP_AMOUNT_7D(null),
    CNP_AMOUNT_30D(null),
    /** Card-not-present attempts at or under the small-amount limit in the last hour. */
    SMALL_CNP_ATTEMPTS_1H(ReasonCode.CARD_TESTING),
    /** Approximate distinct merchants the card was used at. */
    DISTINCT_MERCHANTS(null),
    /** Approximate distinct devices the card was used from. */
    DISTINCT_DEVICES(ReasonCode.MANY_DEVICES),
    /** 1 for card-not-present from a device not seen with the card, on a card that has a device history. */
    NEW_DEVICE(ReasonCode.NEW_DEVICE),
    /** 1 when the IP country is known and differs from the card country. */
    IP_COUNTRY_MISMATCH(ReasonCode.IP_COUNTRY_MISMATCH),
    /** 1 when the billing country is known and differs from the card country. */
    BILLING_COUNTRY_MISMATCH(ReasonCode.BILLING_COUNTRY_MISMATCH),
    /** 1 when the merchant country is known and differs from the card country. */
    FOREIGN_MERCHANT(ReasonCode.FOREIGN_MERCHANT),
    /** 1 for card-present use in another country within 2 hours of the previous card-present use. */
    IMPOSSIBLE_TRAVEL(ReasonCode.IMPOSSIBLE_TRAVEL),
    /**
     * Compromised cards reported in the last 30 days whose last in-store use was at this terminal (its point of
     * compromise): each card counts once, and not where the fraud itself happened.
     */
    TERMINAL_FRAUD_REPORTS_30D(ReasonCode.COMPROMISED_TERMINAL),
    /** Fraud reports in the last 30 days on this merchant. */
    MERCHANT_FRAUD_REPORTS_30D(ReasonCode.MERCHANT_FRAUD_HISTORY),
    /** {@link #TERMINAL_FRAUD_REPORTS_30D} of the terminal where this card was last used in store. */
    LAST_CP_TERMINAL_FRAUD_REPORTS_30D(ReasonCode.CARD_AT_COMPROMISED_TERMINAL),
    /** Authorizations at this terminal in the last 24 hours. */
    TERMINAL_TRANSACTIONS_24H(null),
    /** Authorizations at this merchant in the last 24 hours. */
    MERCHANT_TRANSACTIONS_24H(null),
    /**
     * Reports received in the last 24 hours of frauds at this terminal, over its authorizations in the same window
     * (at least 1): its fraud rate as known at the time. 0 without a terminal.
     */
    TERMINAL_FRAUD_RATE_24H(ReasonCode.COMPROMISED_TERMINAL),
    TERMINAL_FRAUD_RATE_7D(ReasonCode.COMPROMISED_TERMINAL),
    TERMINAL_FRAUD_RATE_30D(ReasonCode.COMPROMISED_TERMINAL),
    /** {@link #TERMINAL_FRAUD_RATE_24H} for the merchant. */
    MERCHANT_FRAUD_RATE_24H(ReasonCode.MERCHANT_FRAUD_HISTORY),
    MERCHANT_FRAUD_RATE_7D(ReasonCode.MERCHANT_FRAUD_HISTORY),
    MERCHANT_FRAUD_RATE_30D(ReasonCode.MERCHANT_FRAUD_HISTORY),
    /**
     * {@link #TERMINAL_FRAUD_REPORTS_30D} (cards whose point of compromise this terminal was) over the terminal's
     * authorizations in the last 30 days (at least 1).
     */
    TERMINAL_COMPROMISE_RATE_30D(ReasonCode.COMPROMISED_TERMINAL),
    /** {@link #TERMINAL_COMPROMISE_RATE_30D} of the terminal where this card was last used in store. */
    LAST_CP_TERMINAL_COMPROMISE_RATE_30D(ReasonCode.CARD_AT_COMPROMISED_TERMINAL),
    /**
     * Distinct cards the payment's device was used with over about the last day (18 to 24 hours), before this
     * payment, this card included if it was; 0 in store or without a device.
     */
    DEVICE_CARDS_24H(ReasonCode.SHARED_IDENTITY),
    /** {@link #DEVICE_CARDS_24H} for the IP address. */
    IP_CARDS_24H(ReasonCode.SHARED_IDENTITY),
    /** {@link #DEVICE_CARDS_24H} for the e-mail address. */
    EMAIL_CARDS_24H(ReasonCode.SHARED_IDENTITY),
    /**
     * 1 for card-not-present from an IP country that is neither the card's nor that of the card's last in-store use:
     * the payer is where the card is not. A cardholder abroad has used the card in store there.
     */
    IP_COUNTRY_AWAY_FROM_CARD(ReasonCode.CARD_ELSEWHERE);

    private final ReasonCode reason;

    Feature(final ReasonCode reason) {
        this.reason = reason;
    }

    /** The reason this feature gives when it raises a score, or null. */
    public ReasonCode reason() {
        return reason;
    }
}
