package io.ringfence.ingress;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Keyed card fingerprint: HMAC-SHA256 (RFC 2104) of the card number under the installation secret, truncated to
 * 128 bits.
 *
 * <p>The same card number gives the same fingerprint whether it arrives in store or online, so both channels
 * share one history. Without the secret the fingerprint cannot be reversed or brute-forced over the small PAN
 * space. 128 bits make collisions negligible: among 10^8 cards the chance that any two share a fingerprint is
 * about n^2 / 2^129, roughly 1.5e-23.
 *
 * <p>The HMAC is composed here from the JDK's SHA-256 with the key pads precomputed, rather than through
 * {@code javax.crypto.Mac}, whose {@code doFinal} allocates a fresh digest array on every call: this way a
 * gateway thread fingerprints with no allocation after its first call. Tests check the output against
 * {@code Mac}'s. Thread-safe: each gateway thread gets its own workspace.
 */
public final class CardFingerprinter {
    private static final String DIGEST = "SHA-256";
    private static final int BLOCK_BYTES = 64;
    private static final int DIGEST_BYTES = 32;
    /** The longest card number or reference that can be fingerprinted. */
    public static final int MAX_CARD_CHARS = 64;
    private static final byte INNER_PAD = 0x36;
    private static final String IDENTIFIER_KEY_LABEL = "ringfence identifier hash key v1";
    private static final byte OUTER_PAD = 0x5c;

    private final byte[] innerPad = new byte[BLOCK_BYTES];
    private final byte[] outerPad = new byte[BLOCK_BYTES];
    private final ThreadLocal<Workspace> workspaces;

    /**
     * The publicly known development key, for demos, tests and benchmarks: it is in this source file, so fingerprints
     * made with it protect nothing.
     */
    public static byte[] developmentKey() {
        return "ringfence-development-key-not-for-real-card-data!".getBytes(StandardCharsets.US_ASCII);
    }

    public CardFingerprinter(final byte[] secret) {
        final byte[] key = secret.length > BLOCK_BYTES ? newDigest().digest(secret) : secret;
        for (int i = 0; i < BLOCK_BYTES; i++) {
            final byte k = i < key.length ? key[i] : 0;
            innerPad[i] = (byte)(k ^ INNER_PAD);
            outerPad[i] = (byte)(k ^ OUTER_PAD);
        }
        this.workspaces = ThreadLocal.withInitial(Workspace::new);
    }

    /**
     * The keyed hash for personal identifiers (IP address, device, e-mail), under a key derived from the same secret:
     * this fingerprinter's fingerprint of a constant label, so the two keys are independent in practice.
     */
    public KeyedHash identifierHash() {
        final long[] key = new long[2];
        fingerprint(IDENTIFIER_KEY_LABEL, key);
        return new KeyedHash(key[0], key[1]);
    }

    /**
     * Fingerprints a card number (PAN, token or opaque reference, taken as its characters' low bytes, at most 64
     * characters) and writes the two halves into {@code out[0]} and {@code out[1]}.
     */
    public void fingerprint(final CharSequence cardNumber, final long[] out) {
        final int length = cardNumber.length();
        if (length > MAX_CARD_CHARS) {
            throw new IllegalArgumentException("card number longer than " + MAX_CARD_CHARS + " characters");
        }
        final Workspace w = workspaces.get();
        for (int i = 0; i < length; i++) {
            w.message[i] = (byte)cardNumber.charAt(i);
        }
        try {
            w.sha.update(innerPad);
            w.sha.update(w.message, 0, length);
            w.sha.digest(w.inner, 0, DIGEST_BYTES);
            w.sha.update(outerPad);
            w.sha.update(w.inner);
            w.sha.digest(w.outer, 0, DIGEST_BYTES);
        } catch (final DigestException e) {
            throw new IllegalStateException("SHA-256 output buffer too small", e);
        }
        out[0] = readLong(w.outer, 0);
        out[1] = readLong(w.outer, 8);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(DIGEST);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no " + DIGEST + ": " + e.getMessage(), e);
        }
    }

    private static long readLong(final byte[] bytes, final int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFFL);
        }
        return value;
    }

    private static final class Workspace {
        private final MessageDigest sha = newDigest();
        private final byte[] message = new byte[MAX_CARD_CHARS];
        private final byte[] inner = new byte[DIGEST_BYTES];
        private final byte[] outer = new byte[DIGEST_BYTES];
    }
}
