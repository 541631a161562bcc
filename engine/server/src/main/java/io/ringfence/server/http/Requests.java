package io.ringfence.server.http;

import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.CardRef;
import io.ringfence.api.Channel;
import io.ringfence.api.EntryMode;
import io.ringfence.api.Fingerprint;
import io.ringfence.api.FraudReport;
import io.ringfence.api.FraudReportKind;

import java.util.EnumSet;
import java.util.Set;

import static io.ringfence.server.http.RequestField.AMOUNT_MINOR;
import static io.ringfence.server.http.RequestField.BILLING_COUNTRY;
import static io.ringfence.server.http.RequestField.CARD_COUNTRY;
import static io.ringfence.server.http.RequestField.CARD_REFERENCE;
import static io.ringfence.server.http.RequestField.CHANNEL;
import static io.ringfence.server.http.RequestField.CURRENCY;
import static io.ringfence.server.http.RequestField.DEVICE_ID;
import static io.ringfence.server.http.RequestField.EMAIL;
import static io.ringfence.server.http.RequestField.ENTRY_MODE;
import static io.ringfence.server.http.RequestField.EXPIRY;
import static io.ringfence.server.http.RequestField.FINGERPRINT;
import static io.ringfence.server.http.RequestField.IP;
import static io.ringfence.server.http.RequestField.IP_COUNTRY;
import static io.ringfence.server.http.RequestField.KIND;
import static io.ringfence.server.http.RequestField.MCC;
import static io.ringfence.server.http.RequestField.MERCHANT_COUNTRY;
import static io.ringfence.server.http.RequestField.MERCHANT_ID;
import static io.ringfence.server.http.RequestField.PAN;
import static io.ringfence.server.http.RequestField.REQUEST_ID;
import static io.ringfence.server.http.RequestField.TERMINAL_ID;
import static io.ringfence.server.http.RequestField.TIME;
import static io.ringfence.server.http.RequestField.TOKEN;
import static io.ringfence.server.http.RequestField.TOKEN_REFERENCE;
import static io.ringfence.server.http.RequestField.TRANSMISSION_TIME;
import static io.ringfence.server.http.RequestField.VALUE;

/**
 * Each {@code /v1} body's schema, and the engine value it becomes. Only the schema is judged here; whether an
 * authorization's values make sense (a Luhn check, a country code, an amount) is the engine's to decide, and it
 * answers those with a decision, not an HTTP error.
 */
final class Requests {
    static final Set<RequestField> AUTHORIZATION = EnumSet.of(REQUEST_ID, PAN, CARD_REFERENCE, EXPIRY, AMOUNT_MINOR,
        CURRENCY, CHANNEL, ENTRY_MODE, MERCHANT_ID, TERMINAL_ID, MCC, MERCHANT_COUNTRY, CARD_COUNTRY, IP, IP_COUNTRY,
        DEVICE_ID, EMAIL, BILLING_COUNTRY, TRANSMISSION_TIME);
    static final Set<RequestField> FRAUD_REPORT = EnumSet.of(PAN, CARD_REFERENCE, FINGERPRINT, KIND, TIME,
        MERCHANT_ID, TERMINAL_ID);
    static final Set<RequestField> CLEAR_FLAG = EnumSet.of(PAN, CARD_REFERENCE, FINGERPRINT, TIME);
    static final Set<RequestField> TOKEN_LINK = EnumSet.of(TOKEN, TOKEN_REFERENCE, PAN, CARD_REFERENCE, FINGERPRINT,
        TIME);
    static final Set<RequestField> LIST_ITEM = EnumSet.of(VALUE);
    static final Set<RequestField> REVERSAL = EnumSet.of(MERCHANT_ID, REQUEST_ID, TIME);

    /** Longer idempotency keys are refused: the recent-keys cache holds them. */
    static final int MAX_IDEMPOTENCY_KEY = 255;

    private Requests() {
    }

    /**
     * An authorization. The {@code Idempotency-Key} header, when given, is the engine's request id, so a retry with
     * the same merchant gets the first answer; a body {@code request_id} must then be absent or the same.
     */
    static AuthorizationRequest authorization(final RequestBody body, final String idempotencyKey)
        throws BadRequest {
        String requestId = body.string(REQUEST_ID);
        if (idempotencyKey != null) {
            if (requestId != null && !requestId.equals(idempotencyKey)) {
                throw new BadRequest(REQUEST_ID.json(), "request_id differs from the Idempotency-Key header");
            }
            requestId = idempotencyKey;
        }
        if (body.has(PAN) && body.has(CARD_REFERENCE)) {
            throw new BadRequest(CARD_REFERENCE.json(), "give pan or card_reference, not both");
        }
        final AuthorizationRequest.Builder request = AuthorizationRequest.builder()
            .requestId(requestId)
            .pan(body.string(PAN))
            .cardReference(body.string(CARD_REFERENCE))
            .expiry(body.string(EXPIRY))
            .amountMinor(body.number(AMOUNT_MINOR, 0L))
            .channel(body.choice(CHANNEL, Channel.class))
            .entryMode(body.choice(ENTRY_MODE, EntryMode.class))
            .merchantId(body.string(MERCHANT_ID))
            .terminalId(body.string(TERMINAL_ID))
            .mcc(mcc(body))
            .merchantCountry(body.string(MERCHANT_COUNTRY))
            .cardCountry(body.string(CARD_COUNTRY))
            .ipAddress(body.string(IP))
            .ipCountry(body.string(IP_COUNTRY))
            .deviceId(body.string(DEVICE_ID))
            .email(body.string(EMAIL))
            .billingCountry(body.string(BILLING_COUNTRY))
            .transmissionTimeMillis(body.number(TRANSMISSION_TIME, AuthorizationRequest.NO_TIME));
        if (body.has(CURRENCY)) {
            request.currency(body.string(CURRENCY));
        }
        return request.build();
    }

    private static int mcc(final RequestBody body) throws BadRequest {
        final long mcc = body.number(MCC, AuthorizationRequest.NO_MCC);
        if (mcc < Integer.MIN_VALUE || mcc > Integer.MAX_VALUE) {
            throw new BadRequest(MCC.json(), "mcc is out of range");
        }
        return (int)mcc;
    }

    static FraudReport fraudReport(final RequestBody body) throws BadRequest {
        body.required(KIND);
        final FraudReportKind kind = body.choice(KIND, FraudReportKind.class);
        return new FraudReport(card(body), kind, time(body), body.string(MERCHANT_ID), body.string(TERMINAL_ID));
    }

    /** The card of a fraud report, flag clear or token link: exactly one of pan, card_reference, fingerprint. */
    static CardRef card(final RequestBody body) throws BadRequest {
        final int given = (body.has(PAN) ? 1 : 0) + (body.has(CARD_REFERENCE) ? 1 : 0) + (body.has(FINGERPRINT) ? 1 : 0);
        if (given != 1) {
            throw new BadRequest(PAN.json(), "give exactly one of pan, card_reference, fingerprint");
        }
        if (body.has(PAN)) {
            return CardRef.pan(body.string(PAN));
        }
        if (body.has(CARD_REFERENCE)) {
            return CardRef.reference(body.string(CARD_REFERENCE));
        }
        try {
            return CardRef.fingerprint(Fingerprint.parse(body.string(FINGERPRINT)));
        } catch (final IllegalArgumentException e) {
            throw new BadRequest(FINGERPRINT.json(), "fingerprint must be 32 hexadecimal digits");
        }
    }

    /** The token of a token link: exactly one of token (its digits) and token_reference. */
    static CardRef token(final RequestBody body) throws BadRequest {
        if (body.has(TOKEN) == body.has(TOKEN_REFERENCE)) {
            throw new BadRequest(TOKEN.json(), "give exactly one of token, token_reference");
        }
        return body.has(TOKEN) ? CardRef.pan(body.string(TOKEN)) : CardRef.reference(body.string(TOKEN_REFERENCE));
    }

    /** A control event's time in epoch milliseconds, or the engine's clock when absent. */
    static long time(final RequestBody body) {
        return body.number(TIME, AuthorizationRequest.NO_TIME);
    }

    /** An {@code Idempotency-Key} header: null when absent. */
    static String idempotencyKey(final String header) throws BadRequest {
        if (header == null) {
            return null;
        }
        if (header.isEmpty() || header.length() > MAX_IDEMPOTENCY_KEY
            || !header.chars().allMatch(c -> c > ' ' && c <= '~')) {
            throw new BadRequest("Idempotency-Key", "the Idempotency-Key header must be 1 to "
                + MAX_IDEMPOTENCY_KEY + " printable ASCII characters without spaces");
        }
        return header;
    }
}
