package io.ringfence.server.http;

import java.util.HashMap;
import java.util.Map;

/** Every field a {@code /v1} body may carry, with its JSON name and the JSON type it must have. */
enum RequestField {
    REQUEST_ID("request_id", Type.STRING),
    PAN("pan", Type.STRING),
    CARD_REFERENCE("card_reference", Type.STRING),
    FINGERPRINT("fingerprint", Type.STRING),
    TOKEN("token", Type.STRING),
    TOKEN_REFERENCE("token_reference", Type.STRING),
    EXPIRY("expiry", Type.STRING),
    AMOUNT_MINOR("amount_minor", Type.INTEGER),
    CURRENCY("currency", Type.STRING),
    CHANNEL("channel", Type.STRING),
    ENTRY_MODE("entry_mode", Type.STRING),
    MERCHANT_ID("merchant_id", Type.STRING),
    TERMINAL_ID("terminal_id", Type.STRING),
    MCC("mcc", Type.DIGITS),
    MERCHANT_COUNTRY("merchant_country", Type.STRING),
    CARD_COUNTRY("card_country", Type.STRING),
    IP("ip", Type.STRING),
    IP_COUNTRY("ip_country", Type.STRING),
    DEVICE_ID("device_id", Type.STRING),
    EMAIL("email", Type.STRING),
    BILLING_COUNTRY("billing_country", Type.STRING),
    TRANSMISSION_TIME("transmission_time", Type.TIME),
    KIND("kind", Type.STRING),
    TIME("time", Type.TIME),
    VALUE("value", Type.STRING);

    /** The JSON types a field may have. */
    enum Type {
        STRING,
        /** A JSON integer that fits a signed 64-bit value. */
        INTEGER,
        /** A JSON integer, or a string of decimal digits (a merchant category code is often sent as "0742"). */
        DIGITS,
        /** An ISO-8601 instant as a string, or epoch milliseconds as a JSON integer. */
        TIME
    }

    private static final Map<String, RequestField> BY_NAME = new HashMap<>();

    static {
        for (final RequestField field : values()) {
            BY_NAME.put(field.json, field);
        }
    }

    private final String json;
    private final Type type;

    RequestField(final String json, final Type type) {
        this.json = json;
        this.type = type;
    }

    String json() {
        return json;
    }

    Type type() {
        return type;
    }

    /** The field by its JSON name, or null. */
    static RequestField named(final String json) {
        return BY_NAME.get(json);
    }
}
