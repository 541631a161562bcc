package io.ringfence.server.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The recent {@code Idempotency-Key}s of the control endpoints (authorizations have the engine's own retry check),
 * so that a retry gets the first answer and changes nothing. Bounded: the oldest key goes when the cache is full.
 * A key is per endpoint, and remembers a digest of the request it came with: the same key with another request is
 * refused, as is a retry while the first is still being applied.
 *
 * <p>Confined to the I/O thread, like the connections that use it.
 */
final class IdempotencyCache {
    /** What a key is known for. */
    static final class Entry {
        private final byte[] digest;
        private int status;
        private byte[] body;

        private Entry(final byte[] digest) {
            this.digest = digest;
        }

        /** Whether the first request's answer is known; until then a retry is refused as in progress. */
        boolean answered() {
            return body != null;
        }

        int status() {
            return status;
        }

        byte[] body() {
            return body;
        }
    }

    private final Map<String, Entry> entries;
    private final MessageDigest sha256;

    IdempotencyCache(final int capacity) {
        this.entries = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(final Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The digest a request is remembered by: its endpoint and body. */
    byte[] digest(final String endpoint, final byte[] body, final int length) {
        sha256.update(endpoint.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte)0);
        sha256.update(body, 0, length);
        return sha256.digest();
    }

    /** The entry for a key at an endpoint, or null when the key is new. */
    Entry get(final String endpoint, final String key) {
        return entries.get(endpoint + ' ' + key);
    }

    /** Whether {@code entry} was made for the request with {@code digest}. */
    static boolean sameRequest(final Entry entry, final byte[] digest) {
        return MessageDigest.isEqual(entry.digest, digest);
    }

    /** Remembers a key whose request is being applied now. */
    Entry begin(final String endpoint, final String key, final byte[] digest) {
        final Entry entry = new Entry(digest);
        entries.put(endpoint + ' ' + key, entry);
        return entry;
    }

    /** Keeps the first answer for retries. */
    static void answered(final Entry entry, final int status, final byte[] body) {
        entry.status = status;
        entry.body = body;
    }

    /** Forgets a key whose request did not take effect, so its retry is applied afresh. */
    void forget(final String endpoint, final String key, final Entry entry) {
        entries.remove(endpoint + ' ' + key, entry);
    }

    int size() {
        return entries.size();
    }
}
