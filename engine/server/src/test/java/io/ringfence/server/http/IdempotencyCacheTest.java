package io.ringfence.server.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdempotencyCacheTest {
    private static final byte[] BODY = "{\"kind\": \"issuer_report\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void remembersTheFirstAnswerPerEndpointAndKey() {
        final IdempotencyCache cache = new IdempotencyCache(4);
        final byte[] digest = cache.digest("/v1/fraud-reports", BODY, BODY.length);
        final IdempotencyCache.Entry entry = cache.begin("/v1/fraud-reports", "k", digest);
        assertFalse(entry.answered());
        IdempotencyCache.answered(entry, 200, new byte[] {1, 2});
        final IdempotencyCache.Entry known = cache.get("/v1/fraud-reports", "k");
        assertTrue(known.answered());
        assertEquals(200, known.status());
        assertArrayEquals(new byte[] {1, 2}, known.body());
        assertTrue(IdempotencyCache.sameRequest(known, cache.digest("/v1/fraud-reports", BODY, BODY.length)));
        assertFalse(IdempotencyCache.sameRequest(known, cache.digest("/v1/fraud-reports", BODY, BODY.length - 1)));
        assertFalse(IdempotencyCache.sameRequest(known, cache.digest("/v1/flags/clear", BODY, BODY.length)));
        assertNull(cache.get("/v1/flags/clear", "k"), "a key is per endpoint");
    }

    @Test
    void isBoundedAndForgetsTheOldestKeyFirst() {
        final IdempotencyCache cache = new IdempotencyCache(3);
        for (int i = 0; i < 5; i++) {
            cache.begin("/e", "k" + i, new byte[32]);
        }
        assertEquals(3, cache.size());
        assertNull(cache.get("/e", "k1"));
        assertNotNull(cache.get("/e", "k2"));
    }

    @Test
    void forgetsAKeyWhoseCallDidNotTakeEffect() {
        final IdempotencyCache cache = new IdempotencyCache(3);
        final IdempotencyCache.Entry entry = cache.begin("/e", "k", new byte[32]);
        cache.forget("/e", "k", entry);
        assertNull(cache.get("/e", "k"));
    }
}
