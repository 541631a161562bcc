package io.ringfence.ingress;

/**
 * SipHash-2-4 of identifiers (IP address, device id, e-mail) under a secret key: the engine keeps these as 64-bit
 * keys, and an unkeyed hash of an IPv4 address or a guessable e-mail is reversed by trying every candidate. With the
 * key, nobody without it can compute or test one. The text is hashed as its UTF-16LE bytes; allocation-free.
 *
 * <p>SipHash (Aumasson and Bernstein) is a keyed pseudo-random function built for short inputs like these; the
 * tests check it against the reference implementation's vectors.
 */
public final class KeyedHash {
    private final long k0;
    private final long k1;

    /** @param k0 the first 64 bits of the key, little-endian @param k1 the next 64 bits */
    public KeyedHash(final long k0, final long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    /** The hash of {@code value}, never 0; 0 for null or empty, which means "absent" in the event. */
    public long of(final CharSequence value) {
        if (value == null || value.length() == 0) {
            return 0L;
        }
        final long h = sipHash(value);
        return h == 0L ? 1L : h;
    }

    /** SipHash-2-4 of the UTF-16LE bytes of {@code value}. */
    long sipHash(final CharSequence value) {
        long v0 = k0 ^ 0x736f6d6570736575L;
        long v1 = k1 ^ 0x646f72616e646f6dL;
        long v2 = k0 ^ 0x6c7967656e657261L;
        long v3 = k1 ^ 0x7465646279746573L;
        final int chars = value.length();
        int i = 0;
        for (; i + 4 <= chars; i += 4) {
            final long m = value.charAt(i) | (long)value.charAt(i + 1) << 16 | (long)value.charAt(i + 2) << 32
                | (long)value.charAt(i + 3) << 48;
            v3 ^= m;
            for (int round = 0; round < 2; round++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }
        long last = (long)(chars * 2 & 0xff) << 56;
        for (int shift = 0; i < chars; i++, shift += 16) {
            last |= (long)value.charAt(i) << shift;
        }
        v3 ^= last;
        for (int round = 0; round < 2; round++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        v0 ^= last;
        v2 ^= 0xff;
        for (int round = 0; round < 4; round++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }
}
