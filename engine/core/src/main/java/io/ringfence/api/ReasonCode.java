package io.ringfence.api;

import java.util.List;

/**
 * Stable reason codes carried by decisions. Names are part of the contract with gateways and analysts:
 * add new ones at the end, never rename.
 */
public enum ReasonCode {
    CARD_FLAGGED_ONLINE("card flagged: fraud seen online or reported; in-store use refused"),
    CARD_FLAGGED("card flagged: card-not-present use refused"),
    CARD_TESTING("many small or declined card-not-present attempts in a short window"),
    VELOCITY_CARD_1M("many authorizations on this card in the last minute"),
    VELOCITY_CARD_1H("many authorizations on this card in the last hour"),
    VELOCITY_CARD_24H("many authorizations on this card in the last day"),
    AMOUNT_SPIKE("amount far above this card's 30-day average"),
    LARGE_AMOUNT("large amount"),
    IMPOSSIBLE_TRAVEL("in-store use in another country too soon after the last in-store use"),
    NEW_DEVICE("card-not-present from a device not seen with this card"),
    MANY_DEVICES("card used from many devices"),
    IP_COUNTRY_MISMATCH("IP country differs from card country"),
    BILLING_COUNTRY_MISMATCH("billing country differs from card country"),
    FOREIGN_MERCHANT("merchant country differs from card country"),
    COMPROMISED_TERMINAL("terminal has fraud reports on cards used there"),
    CARD_AT_COMPROMISED_TERMINAL("card was last used in store at a terminal with fraud reports"),
    MERCHANT_FRAUD_HISTORY("merchant has recent fraud reports"),
    FALLBACK_ENTRY("magnetic stripe or key entry in store"),
    HIGH_RISK_MCC("high-risk merchant category"),
    NEW_CARD("card not seen before"),
    MISSING_PAN("no card number"),
    INVALID_PAN("card number malformed or fails the Luhn check"),
    AMOUNT_NEGATIVE("amount negative"),
    AMOUNT_TOO_LARGE("amount above the engine's maximum"),
    UNKNOWN_CURRENCY("currency is not an ISO 4217 code"),
    MISSING_CHANNEL("channel missing"),
    MISSING_ENTRY_MODE("entry mode missing"),
    ENTRY_MODE_CHANNEL_MISMATCH("entry mode impossible on this channel"),
    CNP_WITHOUT_SIGNALS("card-not-present request without IP, device, email or billing country"),
    MISSING_MERCHANT("merchant id missing"),
    INVALID_MCC("merchant category code not in 0000-9999"),
    INVALID_COUNTRY("country code is not two letters A-Z"),
    INVALID_EXPIRY("expiry malformed"),
    CARD_EXPIRED("card expired"),
    STAND_IN_DEADLINE("engine did not answer within the deadline; stand-in decision"),
    STAND_IN_RING_FULL("engine ring full; stand-in decision"),
    STAND_IN_ENGINE_STOPPED("engine not running; stand-in decision"),
    STAND_IN_JOURNAL_UNAVAILABLE("journal cannot be written; stand-in decision rather than an unjournaled one"),
    DUPLICATE_TRANSMISSION("request id already used by this merchant for a different request"),
    TIME_OUT_OF_RANGE("transmission time too far from the engine's clock"),
    RULE("a risk analyst's rule decided; the decision names the rule"),
    CARD_ELSEWHERE("card-not-present from a new device in a country that is neither the card's nor that of its last"
        + " in-store use"),
    SHARED_IDENTITY("device, IP address or e-mail used with many cards in the last day");

    private final String description;

    ReasonCode(final String description) {
        this.description = description;
    }

    /**
     * Whether this reason refuses a malformed request at ingress (a missing or invalid field, an expired card, a time
     * off the clock): such a request was declined without reaching the engine's history.
     */
    public boolean refusesMalformedRequest() {
        return ordinal() >= MISSING_PAN.ordinal() && ordinal() <= CARD_EXPIRED.ordinal() || this == TIME_OUT_OF_RANGE;
    }

    /**
     * A decision's reasons as an immutable list, from its three slots, which fill from the first: a null slot ends
     * the list.
     */
    public static List<ReasonCode> listOf(final ReasonCode first, final ReasonCode second, final ReasonCode third) {
        if (first == null) {
            return List.of();
        }
        if (second == null) {
            return List.of(first);
        }
        return third == null ? List.of(first, second) : List.of(first, second, third);
    }

    /** One line a person can read. */
    public String description() {
        return description;
    }
}
