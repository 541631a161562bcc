package io.ringfence.ingress;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class KeyedHashTest {
    /** The reference vectors' key: bytes 00 to 0f. */
    private static final KeyedHash REFERENCE_KEY = new KeyedHash(0x0706050403020100L, 0x0f0e0d0c0b0a0908L);

    @Test
    void matchesTheReferenceVectors() {
        // Inputs are bytes 00, 01, ...; as UTF-16LE chars, two bytes each.
        assertEquals(0x0d6c8009d9a94f5aL, REFERENCE_KEY.sipHash("\u0100"));
        assertEquals(0x93f5f5799a932462L, REFERENCE_KEY.sipHash("\u0100\u0302\u0504\u0706"));
    }

    @Test
    void absentIsZeroAndAValueNeverIs() {
        assertEquals(0L, REFERENCE_KEY.of(null));
        assertEquals(0L, REFERENCE_KEY.of(""));
        assertNotEquals(0L, REFERENCE_KEY.of("203.0.113.7"));
    }

    @Test
    void anotherKeyGivesAnotherHash() {
        assertNotEquals(REFERENCE_KEY.of("203.0.113.7"), new KeyedHash(1L, 2L).of("203.0.113.7"));
        assertEquals(REFERENCE_KEY.of("203.0.113.7"), REFERENCE_KEY.of(new StringBuilder("203.0.113.7")));
    }
}
