package io.ringfence.rules;

import io.ringfence.api.Channel;
import io.ringfence.event.EngineEvent;
import io.ringfence.features.FeatureVector;

/**
 * One authorization as rules see it: every {@link Attribute} in a primitive slot. The business logic owns one and
 * reloads it per event; loading reads the event and the features and allocates nothing.
 */
public final class RuleInput {
    private static final long MILLIS_PER_HOUR = 3_600_000L;

    final double[] numbers = new double[Attribute.NUMBER_SLOTS];
    final long[] keys = new long[Attribute.KEY_SLOTS];
    boolean cardNotPresent;

    /**
     * @param event    an authorization that passed validation, its card resolved (tokens to their card)
     * @param features the features computed for it
     * @param score    the active scorer's score, 0 to 1000
     */
    public void load(final EngineEvent event, final FeatureVector features, final int score) {
        for (int i = 0; i < features.size(); i++) {
            numbers[i] = features.get(i);
        }
        numbers[Attribute.AMOUNT_MINOR] = event.amountMinor;
        numbers[Attribute.HOUR] = Math.floorMod(Math.floorDiv(event.eventTimeMillis, MILLIS_PER_HOUR), 24L);
        numbers[Attribute.RISK_SCORE] = score;
        keys[Attribute.CURRENCY] = event.currencyNumeric;
        keys[Attribute.CHANNEL] = ValueKind.channelKey(event.channel);
        keys[Attribute.ENTRY_MODE] = ValueKind.entryModeKey(event.entryMode);
        keys[Attribute.MCC] = ValueKind.mccKey(event.mcc);
        keys[Attribute.MERCHANT_ID] = event.merchantKey;
        keys[Attribute.TERMINAL_ID] = event.terminalKey;
        keys[Attribute.MERCHANT_COUNTRY] = event.merchantCountry;
        keys[Attribute.CARD_COUNTRY] = event.cardCountry;
        keys[Attribute.IP_COUNTRY] = event.ipCountry;
        keys[Attribute.BILLING_COUNTRY] = event.billingCountry;
        keys[Attribute.IP] = event.ipKey;
        keys[Attribute.EMAIL] = event.emailKey;
        keys[Attribute.DEVICE_ID] = event.deviceKey;
        keys[Attribute.BIN] = ValueKind.binKey(event.bin);
        keys[Attribute.CARD_FINGERPRINT] = ValueKind.fingerprintKey(event.resolvedFingerprintHigh,
            event.resolvedFingerprintLow);
        cardNotPresent = event.channel == Channel.CNP;
    }
}
