package io.ringfence;

import io.ringfence.api.Action;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.Decision;
import io.ringfence.api.EntryMode;
import io.ringfence.api.Fingerprint;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardNotPresent;
import static io.ringfence.TestRequests.cardPresent;
import static io.ringfence.TestRequests.smallEngine;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every malformed request gets a decision, never an exception: DECLINE with its ISO 8583 code and reason,
 * counted per kind under {@code rejections.<KIND>}; and it leaves the card history alone.
 */
@Timeout(60)
class ValidationIT {
    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = Engine.start(smallEngine().build());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static List<InvalidRequests.Case> invalidRequests() {
        return InvalidRequests.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void eachMalformedRequestIsDeclinedWithItsCodeAndCountedByKind(final InvalidRequests.Case c) {
        final Map<String, Long> before = engine.stats().counters();
        final String id = "bad-" + c.rejection();
        final Decision d = assertDoesNotThrow(() -> engine.authorize(withId(c.request(), id)));

        assertEquals(Action.DECLINE, d.action());
        assertEquals(c.code(), d.responseCode());
        assertEquals(List.of(c.reason()), d.reasons());
        assertEquals(0, d.score());
        assertFalse(d.standIn());
        assertEquals(-1, d.sequence(), "a malformed request is answered at ingress and takes no ring slot");
        assertEquals(id, d.requestId());

        final Map<String, Long> after = engine.stats().counters();
        assertEquals(1, after.get("rejections." + c.rejection()) - before.get("rejections." + c.rejection()));
        assertEquals(1, after.get("decisions.code." + c.code().code()) - before.get("decisions.code." + c.code().code()));
        long otherRejections = 0;
        for (final Map.Entry<String, Long> e : after.entrySet()) {
            if (e.getKey().startsWith("rejections.") && !e.getKey().equals("rejections." + c.rejection())) {
                otherRejections += e.getValue() - before.get(e.getKey());
            }
        }
        assertEquals(0, otherRejections, "counted as exactly one kind");
        assertEquals(before.get("authorizations.CP"), after.get("authorizations.CP"));
        assertEquals(before.get("authorizations.CNP"), after.get("authorizations.CNP"));
    }

    @Test
    void theAsyncCallAndAnEmptyRequestAreAnsweredToo() throws Exception {
        final Decision empty = engine.authorizeAsync(AuthorizationRequest.builder().build()).get();
        assertEquals(ResponseCode.INVALID_CARD_NUMBER, empty.responseCode());
        assertEquals(List.of(ReasonCode.MISSING_PAN), empty.reasons());
        assertEquals(Fingerprint.NONE, empty.fingerprint());

        final Decision async = engine.authorizeAsync(cardNotPresent(TestCards.VISA, T0).entryMode(EntryMode.CHIP)
            .build()).get();
        assertEquals(ResponseCode.INVALID_TRANSACTION, async.responseCode());
        assertEquals(TestCards.fingerprint(TestCards.VISA), async.fingerprint(), "the card was readable");
    }

    @Test
    void rejectedRequestsLeaveNoCardBehind() {
        try (Engine fresh = Engine.start(smallEngine().build())) {
            final long emptyDigest = fresh.stateDigest();
            for (final InvalidRequests.Case c : InvalidRequests.all()) {
                fresh.authorize(c.request());
            }
            assertEquals(0, fresh.cardCount());
            assertEquals(emptyDigest, fresh.stateDigest());
            fresh.authorize(cardPresent(TestCards.VISA, T0).build());
            assertEquals(1, fresh.cardCount());
        }
    }

    private static AuthorizationRequest withId(final AuthorizationRequest r, final String id) {
        return AuthorizationRequest.builder().requestId(id).pan(r.pan()).cardReference(r.cardReference())
            .expiry(r.expiry()).amountMinor(r.amountMinor()).currency(r.currency()).channel(r.channel())
            .entryMode(r.entryMode()).merchantId(r.merchantId()).terminalId(r.terminalId()).mcc(r.mcc())
            .merchantCountry(r.merchantCountry()).cardCountry(r.cardCountry()).ipAddress(r.ipAddress())
            .ipCountry(r.ipCountry()).deviceId(r.deviceId()).email(r.email()).billingCountry(r.billingCountry())
            .transmissionTimeMillis(r.transmissionTimeMillis()).build();
    }
}
