package io.ringfence.api;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FingerprintTest {
    @Test
    void printsAs32HexDigitsAndParsesBack() {
        final Random random = new Random(5);
        for (int i = 0; i < 1_000; i++) {
            final Fingerprint f = new Fingerprint(random.nextLong(), random.nextLong());
            final String hex = f.toString();
            assertEquals(32, hex.length());
            assertTrue(hex.matches("[0-9a-f]{32}"));
            assertEquals(f, Fingerprint.parse(hex));
        }
        final Fingerprint extremes = new Fingerprint(-1L, Long.MIN_VALUE);
        assertEquals("ffffffffffffffff8000000000000000", extremes.toString());
        assertEquals(extremes, Fingerprint.parse(extremes.toString()));
        assertEquals(new Fingerprint(1, 2), Fingerprint.parse("00000000000000010000000000000002"));
    }

    @Test
    void noneIsAllZeros() {
        assertTrue(Fingerprint.NONE.isNone());
        assertFalse(new Fingerprint(0, 1).isNone());
        assertEquals(Fingerprint.NONE, Fingerprint.parse("0".repeat(32)));
    }

    @Test
    void anythingButThirtyTwoHexDigitsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.parse(null));
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.parse("abc"));
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.parse("g".repeat(32)));
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.parse("0".repeat(33)));
    }
}
