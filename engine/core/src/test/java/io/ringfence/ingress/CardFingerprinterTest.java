package io.ringfence.ingress;

import io.ringfence.TestCards;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class CardFingerprinterTest {
    private static final byte[] KEY = "card-fingerprinter-test-secret-key!".getBytes(StandardCharsets.US_ASCII);

    @Test
    void isTheFirst128BitsOfHmacSha256OfTheCardNumber() throws Exception {
        assertMatchesJdkHmac(KEY);
    }

    @Test
    void keysLongerThanTheBlockAreHashedFirstAsRfc2104Says() throws Exception {
        assertMatchesJdkHmac("a-very-long-installation-secret-".repeat(5).getBytes(StandardCharsets.US_ASCII));
        assertMatchesJdkHmac(new byte[64]);
    }

    private static void assertMatchesJdkHmac(final byte[] key) throws Exception {
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        final CardFingerprinter fingerprinter = new CardFingerprinter(key);
        for (final String pan : TestCards.KNOWN) {
            final ByteBuffer expected = ByteBuffer.wrap(mac.doFinal(pan.getBytes(StandardCharsets.US_ASCII)));
            final long[] out = new long[2];
            fingerprinter.fingerprint(pan, out);
            assertArrayEquals(new long[] {expected.getLong(0), expected.getLong(8)}, out);
        }
    }

    @Test
    void isStableAcrossCallsAndInstancesAndDistinctAcrossCards() {
        final CardFingerprinter a = new CardFingerprinter(KEY);
        final CardFingerprinter b = new CardFingerprinter(KEY.clone());
        final Set<List<Long>> seen = new HashSet<>();
        for (final String pan : TestCards.pans("400000", 2_000)) {
            final long[] first = new long[2];
            final long[] again = new long[2];
            final long[] other = new long[2];
            a.fingerprint(pan, first);
            a.fingerprint(pan, again);
            b.fingerprint(pan, other);
            assertArrayEquals(first, again);
            assertArrayEquals(first, other);
            seen.add(List.of(first[0], first[1]));
        }
        assertEquals(2_000, seen.size());
    }

    @Test
    void changingTheKeyChangesEveryFingerprint() {
        final byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        final CardFingerprinter a = new CardFingerprinter(KEY);
        final CardFingerprinter b = new CardFingerprinter(otherKey);
        for (final String pan : TestCards.pans("510000", 200)) {
            final long[] x = new long[2];
            final long[] y = new long[2];
            a.fingerprint(pan, x);
            b.fingerprint(pan, y);
            assertFalse(x[0] == y[0] && x[1] == y[1]);
        }
    }

    @Test
    void gatewayThreadsFingerprintConcurrentlyWithoutInterference() throws Exception {
        final CardFingerprinter shared = new CardFingerprinter(KEY);
        final CardFingerprinter reference = new CardFingerprinter(KEY);
        final List<String> pans = TestCards.pans("455555", 500);
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            final List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    int mismatches = 0;
                    final long[] got = new long[2];
                    final long[] expected = new long[2];
                    for (int round = 0; round < 20; round++) {
                        for (final String pan : pans) {
                            shared.fingerprint(pan, got);
                            synchronized (reference) {
                                reference.fingerprint(pan, expected);
                            }
                            if (got[0] != expected[0] || got[1] != expected[1]) {
                                mismatches++;
                            }
                        }
                    }
                    return mismatches;
                }));
            }
            for (final Future<Integer> result : results) {
                assertEquals(0, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
