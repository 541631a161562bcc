package io.ringfence.server.http;

import io.ringfence.api.Ack;
import io.ringfence.server.RingfenceServer;
import io.ringfence.server.ServerConfig;
import io.ringfence.server.TestEngines;
import io.ringfence.server.iso8583.Iso8583Door;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP/JSON door end to end, over loopback, through the JDK's HTTP client: auth, authorizations on both
 * channels, a fraud report refusing the next tap, idempotency, schema errors, the body limit, health and metrics.
 * No answer may carry a card number: the client checks every one.
 */
@Timeout(120)
class HttpDoorIT {
    private static final String KEY = "test-key-0123456789abcdef";
    /** Luhn-valid test numbers, one per test that needs a card of its own. */
    private static final String VISA = "4111111111111111";
    /** For the other door tests: the network's published test number, never used here. */
    static final String VISA_PUBLIC = "4000056655665556";
    private static final String MASTERCARD = "5500005555555559";
    private static final String VISA_2 = "4012888888881881";
    private static final String AMEX = "378282246310005";
    private static final String DISCOVER = "6011111111111117";
    private static final String BAD_LUHN = "4111111111111112";
    private static final List<String> PANS = List.of(VISA, VISA_PUBLIC, MASTERCARD, VISA_2, AMEX, DISCOVER, BAD_LUHN);
    private static final int MAX_BODY = 2048;

    @TempDir
    static Path dir;

    private static RingfenceServer server;
    private static HttpTestClient http;

    @BeforeAll
    static void start() throws IOException {
        final Path rules = Files.writeString(dir.resolve("fraud.rules"), """
            list @blocked_emails = ['nobody@example.com']
            [blocked-email] Block if :email: in @blocked_emails
            """);
        server = RingfenceServer.start(ServerConfig.builder()
            .isoPort(ServerConfig.DISABLED)
            .httpPort(0)
            .apiKeys(Set.of(KEY))
            .maxBodyBytes(MAX_BODY)
            .build(), TestEngines.small(), Iso8583Door::new, HttpDoor::new);
        assertTrue(server.engine().loadRules(rules).isApplied());
        http = new HttpTestClient("http", server.httpPort(), KEY, null, PANS);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String cardPresent(final String pan, final String requestId) {
        return """
            {"request_id": "%s", "pan": "%s", "expiry": "1230", "amount_minor": 2000, "currency": "USD",
             "channel": "CP", "entry_mode": "chip", "merchant_id": "store-1", "terminal_id": "till-1", "mcc": 5411,
             "merchant_country": "US", "card_country": "US"}""".formatted(requestId, pan);
    }

    static String cardNotPresent(final String pan, final String requestId, final String email) {
        return """
            {"request_id": "%s", "pan": "%s", "expiry": "1230", "amount_minor": 2000, "currency": "USD",
             "channel": "CNP", "entry_mode": "ECOMMERCE", "merchant_id": "shop-1", "mcc": "5999",
             "merchant_country": "US", "card_country": "US", "ip": "203.0.113.7", "ip_country": "US",
             "device_id": "device-1", "email": "%s", "billing_country": "US",
             "transmission_time": "%s"}""".formatted(requestId, pan, email, Instant.now());
    }

    private static Map<String, Object> ok(final HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
        return TestJson.parse(response.body());
    }

    @Test
    void everyV1CallNeedsAValidKey() {
        final HttpTestClient anonymous = new HttpTestClient("http", server.httpPort(), null, null, PANS);
        final HttpResponse<String> none = anonymous.post("/v1/authorizations", cardPresent(VISA, "a-1"));
        assertEquals(401, none.statusCode());
        assertEquals("Bearer realm=\"ringfence\"", none.headers().firstValue("www-authenticate").orElseThrow());
        assertEquals("unauthorized", TestJson.parse(none.body()).get("error"));

        final HttpTestClient wrong = new HttpTestClient("http", server.httpPort(), "not-the-key-0123456789", null,
            PANS);
        assertEquals(401, wrong.post("/v1/fraud-reports", "{}").statusCode());
        assertEquals(401, wrong.delete("/v1/lists/blocked_emails/items/x").statusCode());
        assertEquals(200, anonymous.get("/health/live").statusCode(), "health needs no key");
        assertEquals(200, anonymous.get("/metrics").statusCode(), "metrics need no key");
    }

    @Test
    void authorizesCardPresentAndCardNotPresent() {
        final Map<String, Object> tap = ok(http.post("/v1/authorizations", cardPresent(MASTERCARD, "cp-1")));
        assertEquals("cp-1", tap.get("request_id"));
        assertEquals("APPROVE", tap.get("action"));
        assertEquals("00", tap.get("response_code"));
        assertEquals(false, tap.get("stand_in"));
        assertNotNull(tap.get("model"));
        assertTrue(tap.get("reasons") instanceof List);
        assertTrue(tap.containsKey("score"));

        final Map<String, Object> online = ok(http.post("/v1/authorizations",
            cardNotPresent(MASTERCARD, "cnp-1", "jane@example.com")));
        assertEquals("cnp-1", online.get("request_id"));
        assertNotEquals("DECLINE", online.get("action"), online.toString());
    }

    @Test
    void aRequestTheEngineFindsMalformedIsAPaymentAnswerNotAnHttpError() {
        final Map<String, Object> declined = ok(http.post("/v1/authorizations", cardPresent(BAD_LUHN, "bad-luhn")));
        assertEquals("DECLINE", declined.get("action"));
        assertEquals("14", declined.get("response_code"));
        assertEquals(List.of("INVALID_PAN"), declined.get("reasons"));
    }

    @Test
    void aFraudReportRefusesTheNextTap() {
        assertEquals("APPROVE", ok(http.post("/v1/authorizations", cardPresent(VISA_2, "before"))).get("action"));
        final Map<String, Object> ack = ok(http.post("/v1/fraud-reports",
            "{\"pan\": \"" + VISA_2 + "\", \"kind\": \"issuer_report\", \"time\": \"" + Instant.now() + "\"}"));
        assertEquals(Ack.Status.APPLIED.name(), ack.get("status"));
        assertEquals(32, ((String)ack.get("fingerprint")).length());

        final Map<String, Object> tap = ok(http.post("/v1/authorizations", cardPresent(VISA_2, "after")));
        assertEquals("DECLINE", tap.get("action"));
        assertEquals("59", tap.get("response_code"));
        assertEquals("CARD_FLAGGED_ONLINE", ((List<?>)tap.get("reasons")).get(0));

        final Map<String, Object> cleared = ok(http.post("/v1/flags/clear",
            "{\"fingerprint\": \"" + ack.get("fingerprint") + "\"}"));
        assertEquals(Ack.Status.APPLIED.name(), cleared.get("status"));
        assertEquals(Ack.Status.NO_CHANGE.name(), ok(http.post("/v1/flags/clear",
            "{\"card_reference\": \"never-seen\"}")).get("status"));
    }

    @Test
    void anIdempotencyKeyGetsTheFirstAnswerAgain() {
        final String body = cardPresent(AMEX, "ignored-id").replace("\"request_id\": \"ignored-id\", ", "");
        final HttpResponse<String> first = http.post("/v1/authorizations", body, "idem-auth-1");
        final HttpResponse<String> again = http.post("/v1/authorizations", body, "idem-auth-1");
        assertEquals(200, first.statusCode());
        assertEquals(first.body(), again.body());
        assertEquals("idem-auth-1", TestJson.parse(first.body()).get("request_id"));

        final HttpResponse<String> other = http.post("/v1/authorizations", body.replace("2000", "2500"), "idem-auth-1");
        assertEquals(409, other.statusCode(), other.body());
        assertEquals("94", TestJson.parse(other.body()).get("response_code"));

        final String report = "{\"card_reference\": \"idem-card\", \"kind\": \"ANALYST_VERDICT\"}";
        final HttpResponse<String> reported = http.post("/v1/fraud-reports", report, "idem-report-1");
        final HttpResponse<String> retried = http.post("/v1/fraud-reports", report, "idem-report-1");
        assertEquals(200, reported.statusCode(), reported.body());
        assertEquals(reported.body(), retried.body());
        assertEquals("true", retried.headers().firstValue("idempotent-replayed").orElseThrow());
        final long reports = server.engine().stats().counter("fraud.reports");

        final HttpResponse<String> reused = http.post("/v1/fraud-reports",
            "{\"card_reference\": \"another-card\", \"kind\": \"ANALYST_VERDICT\"}", "idem-report-1");
        assertEquals(422, reused.statusCode());
        assertEquals("Idempotency-Key", TestJson.parse(reused.body()).get("field"));
        assertEquals(reports, server.engine().stats().counter("fraud.reports"), "a retry applies nothing");
    }

    @Test
    void aBodyThatIsNotTheSchemaIsA400NamingTheField() {
        assertBadRequest("{\"amount_minor\": \"12\"}", "amount_minor");
        assertBadRequest("{\"amount_minor\": 12.5}", "amount_minor");
        assertBadRequest("{\"channel\": \"PHONE\"}", "channel");
        assertBadRequest("{\"entry_mode\": 3}", "entry_mode");
        assertBadRequest("{\"transmission_time\": \"yesterday\"}", "transmission_time");
        assertBadRequest("{\"pan\": \"" + VISA + "\", \"colour\": \"red\"}", "colour");
        assertBadRequest("{\"pan\": [\"" + VISA + "\"]}", "pan");
        assertBadRequest("{\"mcc\": 1, \"mcc\": 2}", "mcc");
        assertBadRequest("{\"pan\": \"" + VISA + "\", ", null);
        assertBadRequest("[1, 2]", null);
        assertBadRequest("", null);
        assertBadRequest("{\"pan\": \"" + VISA + "\" \"expiry\": \"1230\"}", null);
        assertBadRequest("{\"pan\": " + VISA + "}", "pan");
        final HttpResponse<String> report = http.post("/v1/fraud-reports", "{\"pan\": \"" + VISA + "\"}");
        assertEquals(400, report.statusCode());
        assertEquals("kind", TestJson.parse(report.body()).get("field"));
    }

    private static void assertBadRequest(final String body, final String field) {
        final HttpResponse<String> response = http.post("/v1/authorizations", body);
        assertEquals(400, response.statusCode(), response.body());
        final Map<String, Object> error = TestJson.parse(response.body());
        assertEquals("bad_request", error.get("error"));
        assertEquals(field, error.get("field"), response.body());
        assertNotNull(error.get("message"));
    }

    @Test
    void aBodyOverTheLimitIs413AndTheConnectionCarriesOn() {
        final String padding = "x".repeat(MAX_BODY);
        final HttpResponse<String> large = http.post("/v1/authorizations",
            "{\"request_id\": \"" + padding + "\"}");
        assertEquals(413, large.statusCode());
        assertEquals("too_large", TestJson.parse(large.body()).get("error"));
        assertEquals(200, http.get("/health/live").statusCode());
    }

    @Test
    void listItemsChangeTheRulesListsLive() {
        final String online = cardNotPresent(DISCOVER, "list-1", "mallory@example.com");
        assertNotEquals("blocked-email", ok(http.post("/v1/authorizations", online)).get("rule"));
        assertEquals("APPLIED", ok(http.post("/v1/lists/blocked_emails/items",
            "{\"value\": \"mallory@example.com\"}")).get("status"));
        final Map<String, Object> blocked = ok(http.post("/v1/authorizations", online.replace("list-1", "list-2")));
        assertEquals("DECLINE", blocked.get("action"));
        assertEquals("blocked-email", blocked.get("rule"));
        assertEquals("APPLIED", ok(http.delete("/v1/lists/blocked_emails/items/mallory%40example.com")).get("status"));
        assertNotEquals("blocked-email", ok(http.post("/v1/authorizations", online.replace("list-1", "list-3")))
            .get("rule"));
        final HttpResponse<String> unknown = http.post("/v1/lists/nobody/items", "{\"value\": \"x\"}");
        assertEquals(422, unknown.statusCode());
        assertEquals("REJECTED", TestJson.parse(unknown.body()).get("status"));
    }

    @Test
    void aReversalTakesAnAuthorizationBackOnce() {
        ok(http.post("/v1/authorizations", cardPresent(MASTERCARD, "to-reverse")));
        final String reversal = "{\"merchant_id\": \"store-1\", \"request_id\": \"to-reverse\"}";
        final HttpResponse<String> first = http.post("/v1/reversals", reversal);
        assertEquals("APPLIED", TestJson.parse(first.body()).get("status"), first.body());
        assertEquals("NO_CHANGE", ok(http.post("/v1/reversals", reversal)).get("status"), "a second reversal changes nothing");
        assertEquals("NO_CHANGE", ok(http.post("/v1/reversals",
            "{\"merchant_id\": \"store-1\", \"request_id\": \"never-sent\"}")).get("status"));
        final HttpResponse<String> missing = http.post("/v1/reversals", "{\"merchant_id\": \"store-1\"}");
        assertEquals(400, missing.statusCode());
        assertEquals("request_id", TestJson.parse(missing.body()).get("field"));
    }

    @Test
    void unknownPathsAndMethods() {
        assertEquals(404, http.get("/v2/anything").statusCode());
        assertEquals(404, http.post("/v1/nothing", "{}").statusCode());
        final HttpResponse<String> get = http.get("/v1/authorizations");
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("allow").orElseThrow());
    }

    @Test
    void healthSaysLiveAndReady() {
        final HttpResponse<String> live = http.get("/health/live");
        assertEquals(200, live.statusCode());
        assertEquals("live", TestJson.parse(live.body()).get("status"));
        final HttpResponse<String> ready = http.get("/health/ready");
        assertEquals(200, ready.statusCode());
        assertEquals("ready", TestJson.parse(ready.body()).get("status"));
    }

    @Test
    void metricsParseAsPrometheusText() {
        ok(http.post("/v1/authorizations", cardPresent(MASTERCARD, "metrics-1")));
        http.post("/v1/nothing", "{}");
        final HttpResponse<String> response = http.raw(HttpRequest.newBuilder(URI.create(http.base() + "/metrics"))
            .GET().build());
        assertEquals(200, response.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8",
            response.headers().firstValue("content-type").orElseThrow());
        final Map<String, Double> samples = PrometheusParser.parse(response.body());
        assertEquals(1.0, samples.get("ringfence_server_ready"));
        assertTrue(samples.get("ringfence_answers_total{action=\"APPROVE\",code=\"00\"}") >= 1);
        assertTrue(samples.get("ringfence_answer_latency_seconds_count") >= 1);
        assertTrue(samples.get("ringfence_door_errors_total{door=\"http\",kind=\"not_found\"}") >= 1);
        assertTrue(samples.get("ringfence_door_connections_accepted_total{door=\"http\"}") >= 1);
        assertTrue(samples.get("ringfence_authorizations_cp_total") >= 1);
        assertTrue(samples.containsKey("ringfence_engine_decisions_by_code_total{code=\"00\"}"));
        assertTrue(samples.containsKey("ringfence_engine_rule_hits_total{rule=\"blocked-email\"}"));
        assertTrue(samples.containsKey("ringfence_answer_latency_seconds_bucket{le=\"0.001\"}"));
        assertFalse(response.body().contains(VISA));
    }
}
