package io.ringfence.server.http;

import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.CardRef;
import io.ringfence.api.Channel;
import io.ringfence.api.EntryMode;
import io.ringfence.api.FraudReport;
import io.ringfence.api.FraudReportKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The {@code /v1} bodies' schema: every field read, and every way of breaking it refused naming the field. */
class RequestsTest {
    private static final String PAN = "4111111111111111";

    private static RequestBody parse(final String json, final Set<RequestField> fields) throws BadRequest {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return RequestBody.parse(bytes, bytes.length, fields);
    }

    private static AuthorizationRequest authorization(final String json) throws BadRequest {
        return Requests.authorization(parse(json, Requests.AUTHORIZATION), null);
    }

    private static BadRequest refused(final String json) {
        final BadRequest refused = assertThrows(BadRequest.class, () -> authorization(json));
        assertFalse(refused.getMessage().contains(PAN), "an error never quotes the card number");
        return refused;
    }

    @Test
    void readsEveryAuthorizationField() throws BadRequest {
        final AuthorizationRequest request = authorization("""
            {"request_id": "r-1", "pan": "%s", "expiry": "1230", "amount_minor": 123456, "currency": "EUR",
             "channel": "cnp", "entry_mode": "Ecommerce", "merchant_id": "m-1", "terminal_id": "t-1", "mcc": "0742",
             "merchant_country": "FR", "card_country": "DE", "ip": "203.0.113.9", "ip_country": "NL",
             "device_id": "d-1", "email": "a@example.com", "billing_country": "BE",
             "transmission_time": "2026-01-31T09:30:00.250Z"}""".formatted(PAN));
        assertEquals("r-1", request.requestId());
        assertEquals(PAN, request.pan());
        assertNull(request.cardReference());
        assertEquals("1230", request.expiry());
        assertEquals(123_456L, request.amountMinor());
        assertEquals("EUR", request.currency());
        assertEquals(Channel.CNP, request.channel());
        assertEquals(EntryMode.ECOMMERCE, request.entryMode());
        assertEquals("m-1", request.merchantId());
        assertEquals("t-1", request.terminalId());
        assertEquals(742, request.mcc());
        assertEquals("FR", request.merchantCountry());
        assertEquals("DE", request.cardCountry());
        assertEquals("203.0.113.9", request.ipAddress());
        assertEquals("NL", request.ipCountry());
        assertEquals("d-1", request.deviceId());
        assertEquals("a@example.com", request.email());
        assertEquals("BE", request.billingCountry());
        assertEquals(1_769_851_800_250L, request.transmissionTimeMillis());
    }

    @Test
    void absentAndNullFieldsTakeTheEngineDefaults() throws BadRequest {
        final AuthorizationRequest request = authorization("{\"card_reference\": \"vault-1\", \"mcc\": null,"
            + " \"transmission_time\": 1769851800250}");
        assertEquals("vault-1", request.cardReference());
        assertEquals(AuthorizationRequest.NO_MCC, request.mcc());
        assertEquals("USD", request.currency());
        assertEquals(0L, request.amountMinor());
        assertNull(request.channel());
        assertEquals(1_769_851_800_250L, request.transmissionTimeMillis());
        assertEquals(AuthorizationRequest.NO_TIME, authorization("{}").transmissionTimeMillis());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"request_id\": 7}|request_id",
        "{\"pan\": 4111111111111111}|pan",
        "{\"pan\": {\"number\": \"4111111111111111\"}}|pan",
        "{\"amount_minor\": \"100\"}|amount_minor",
        "{\"amount_minor\": 1.5}|amount_minor",
        "{\"amount_minor\": 1e3}|amount_minor",
        "{\"amount_minor\": 99999999999999999999}|amount_minor",
        "{\"amount_minor\": true}|amount_minor",
        "{\"mcc\": \"54x1\"}|mcc",
        "{\"mcc\": \"\"}|mcc",
        "{\"mcc\": 9999999999}|mcc",
        "{\"channel\": \"ONLINE\"}|channel",
        "{\"channel\": 1}|channel",
        "{\"entry_mode\": \"tap\"}|entry_mode",
        "{\"transmission_time\": \"31/01/2026\"}|transmission_time",
        "{\"transmission_time\": 1.5}|transmission_time",
        "{\"transmission_time\": [1]}|transmission_time",
        "{\"email\": [\"a@example.com\"]}|email",
        "{\"amount\": 100}|amount",
        "{\"fingerprint\": \"00\"}|fingerprint",
        "{\"pan\": \"4111111111111111\", \"pan\": \"4111111111111111\"}|pan",
        "{\"pan\": \"4111111111111111\", \"card_reference\": \"c\"}|card_reference",
    })
    void aWrongTypeOrAnUnknownFieldNamesTheField(final String json, final String field) {
        assertEquals(field, refused(json).field());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''",
        "null",
        "[]",
        "\"4111111111111111\"",
        "{\"pan\": \"4111111111111111\"",
        "{\"pan\" \"4111111111111111\"}",
        "{\"pan\": \"4111111111111111\",}",
        "{\"pan\": \"4111111111111111\"} {}",
        "{'pan': '4111111111111111'}",
    })
    void bodiesThatAreNotOneJsonObjectAreRefusedWithoutAField(final String json) {
        assertNull(refused(json).field());
    }

    @Test
    void anUnknownFieldIsNamedWithCardNumbersMasked() {
        final BadRequest refused = refused("{\"" + PAN + "\": 1}");
        assertEquals("411111******1111", refused.field());
    }

    @Test
    void theIdempotencyKeyIsTheRequestId() throws BadRequest {
        assertEquals("k-1", Requests.authorization(parse("{}", Requests.AUTHORIZATION), "k-1").requestId());
        assertEquals("k-1", Requests.authorization(parse("{\"request_id\": \"k-1\"}", Requests.AUTHORIZATION), "k-1")
            .requestId());
        final BadRequest different = assertThrows(BadRequest.class, () ->
            Requests.authorization(parse("{\"request_id\": \"r-2\"}", Requests.AUTHORIZATION), "k-1"));
        assertEquals("request_id", different.field());
    }

    @Test
    void idempotencyKeysAreShortPrintableTokens() throws BadRequest {
        assertNull(Requests.idempotencyKey(null));
        assertEquals("a-b_c.1", Requests.idempotencyKey("a-b_c.1"));
        assertEquals("Idempotency-Key", assertThrows(BadRequest.class, () -> Requests.idempotencyKey("")).field());
        assertThrows(BadRequest.class, () -> Requests.idempotencyKey("has space"));
        assertThrows(BadRequest.class, () -> Requests.idempotencyKey("x".repeat(Requests.MAX_IDEMPOTENCY_KEY + 1)));
    }

    @Test
    void aFraudReportNamesExactlyOneCardAndAKind() throws BadRequest {
        final FraudReport report = Requests.fraudReport(parse("{\"fingerprint\": \"00112233445566778899aabbccddeeff\","
            + " \"kind\": \"fraud_chargeback\", \"time\": \"2026-01-31T09:30:00Z\", \"merchant_id\": \"m\","
            + " \"terminal_id\": \"t\"}", Requests.FRAUD_REPORT));
        assertEquals(FraudReportKind.FRAUD_CHARGEBACK, report.kind());
        assertEquals("00112233445566778899aabbccddeeff", report.card().fingerprint().toString());
        assertEquals(1_769_851_800_000L, report.reportTimeMillis());
        assertEquals("m", report.merchantId());
        assertEquals("t", report.terminalId());

        assertEquals("kind", assertThrows(BadRequest.class, () -> Requests.fraudReport(
            parse("{\"pan\": \"" + PAN + "\"}", Requests.FRAUD_REPORT))).field());
        assertEquals("kind", assertThrows(BadRequest.class, () -> Requests.fraudReport(
            parse("{\"pan\": \"" + PAN + "\", \"kind\": \"rumour\"}", Requests.FRAUD_REPORT))).field());
        assertEquals("pan", assertThrows(BadRequest.class, () -> Requests.fraudReport(
            parse("{\"kind\": \"issuer_report\"}", Requests.FRAUD_REPORT))).field());
        assertEquals("pan", assertThrows(BadRequest.class, () -> Requests.fraudReport(parse("{\"pan\": \"" + PAN
            + "\", \"card_reference\": \"c\", \"kind\": \"issuer_report\"}", Requests.FRAUD_REPORT))).field());
        assertEquals("fingerprint", assertThrows(BadRequest.class, () -> Requests.card(
            parse("{\"fingerprint\": \"zz112233445566778899aabbccddeeff\"}", Requests.CLEAR_FLAG))).field());
        assertEquals("channel", assertThrows(BadRequest.class, () ->
            parse("{\"channel\": \"CP\"}", Requests.FRAUD_REPORT)).field(), "fields of other endpoints are unknown");
    }

    @Test
    void aTokenLinkNamesATokenAndACard() throws BadRequest {
        final RequestBody body = parse("{\"token_reference\": \"wallet-1\", \"card_reference\": \"vault-1\"}",
            Requests.TOKEN_LINK);
        final CardRef token = Requests.token(body);
        assertEquals("wallet-1", token.reference());
        assertEquals("vault-1", Requests.card(body).reference());
        assertEquals(AuthorizationRequest.NO_TIME, Requests.time(body));
        assertEquals("token", assertThrows(BadRequest.class, () -> Requests.token(
            parse("{\"card_reference\": \"vault-1\"}", Requests.TOKEN_LINK))).field());
    }
}
