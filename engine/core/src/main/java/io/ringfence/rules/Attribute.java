package io.ringfence.rules;

import io.ringfence.features.Feature;
import io.ringfence.features.FeatureSchema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A value a rule can test, {@code :name:} in a rules file: a request field, the model's risk score, or an engine
 * feature under its lower-case name. Each has a slot in {@link RuleInput}: number attributes in its numbers, the
 * others in its keys.
 *
 * @param name the name between the colons
 * @param kind how its values are held and compared
 * @param slot its index among the numbers or among the keys
 */
public record Attribute(String name, ValueKind kind, int slot) {
    static final int AMOUNT_MINOR = FeatureSchema.SIZE;
    static final int HOUR = FeatureSchema.SIZE + 1;
    static final int RISK_SCORE = FeatureSchema.SIZE + 2;
    static final int NUMBER_SLOTS = FeatureSchema.SIZE + 3;

    static final int CURRENCY = 0;
    static final int CHANNEL = 1;
    static final int ENTRY_MODE = 2;
    static final int MCC = 3;
    static final int MERCHANT_ID = 4;
    static final int TERMINAL_ID = 5;
    static final int MERCHANT_COUNTRY = 6;
    static final int CARD_COUNTRY = 7;
    static final int IP_COUNTRY = 8;
    static final int BILLING_COUNTRY = 9;
    static final int IP = 10;
    static final int EMAIL = 11;
    static final int DEVICE_ID = 12;
    static final int BIN = 13;
    static final int CARD_FINGERPRINT = 14;
    static final int KEY_SLOTS = 15;

    private static final Map<String, Attribute> BY_NAME = byName();

    /** The attribute called {@code name}, or null when there is none. */
    public static Attribute named(final String name) {
        return BY_NAME.get(name);
    }

    /** Every attribute by name, request fields first, then the risk score, then the features in schema order. */
    public static Map<String, Attribute> all() {
        return BY_NAME;
    }

    private static Map<String, Attribute> byName() {
        final Map<String, Attribute> all = new LinkedHashMap<>();
        add(all, "amount", ValueKind.NUMBER, Feature.AMOUNT.ordinal());
        add(all, "amount_minor", ValueKind.NUMBER, AMOUNT_MINOR);
        add(all, "hour", ValueKind.NUMBER, HOUR);
        add(all, "currency", ValueKind.CURRENCY, CURRENCY);
        add(all, "channel", ValueKind.CHANNEL, CHANNEL);
        add(all, "entry_mode", ValueKind.ENTRY_MODE, ENTRY_MODE);
        add(all, "mcc", ValueKind.MCC, MCC);
        add(all, "merchant_id", ValueKind.MERCHANT, MERCHANT_ID);
        add(all, "terminal_id", ValueKind.TERMINAL, TERMINAL_ID);
        add(all, "merchant_country", ValueKind.COUNTRY, MERCHANT_COUNTRY);
        add(all, "card_country", ValueKind.COUNTRY, CARD_COUNTRY);
        add(all, "ip_country", ValueKind.COUNTRY, IP_COUNTRY);
        add(all, "billing_country", ValueKind.COUNTRY, BILLING_COUNTRY);
        add(all, "ip", ValueKind.IDENTIFIER, IP);
        add(all, "email", ValueKind.IDENTIFIER, EMAIL);
        add(all, "device_id", ValueKind.IDENTIFIER, DEVICE_ID);
        add(all, "bin", ValueKind.BIN, BIN);
        add(all, "card_fingerprint", ValueKind.FINGERPRINT, CARD_FINGERPRINT);
        add(all, "risk_score", ValueKind.NUMBER, RISK_SCORE);
        for (final Feature feature : Feature.values()) {
            all.putIfAbsent(feature.name().toLowerCase(Locale.ROOT),
                new Attribute(feature.name().toLowerCase(Locale.ROOT), ValueKind.NUMBER, feature.ordinal()));
        }
        return Collections.unmodifiableMap(all);
    }

    private static void add(final Map<String, Attribute> all, final String name, final ValueKind kind, final int slot) {
        all.put(name, new Attribute(name, kind, slot));
    }
}
