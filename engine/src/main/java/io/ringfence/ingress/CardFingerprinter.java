package io.ringfence.ingress;

import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;

/**
 * Keyed card fingerprint: HMAC-SHA256 of the card number under the installation secret, truncated to 128 bits.
 *
 * <p>The same card number gives the same fingerprint whether it arrives in store or online, so both channels
 * share one history. Without the secret the fingerprint cannot be reversed or brute-forced over the small PAN
 * space. 128 bits make collisions negligible: among 10^8 cards the chance that any two share a fingerprint is
 * about n^2 / 2^129, roughly 1.5e-23.
 *
 * <p>Thread-safe: each gateway thread gets its own {@link Mac}; no allocation per call after the first.
 */
public final class CardFingerprinter {
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final ThreadLocal<Workspace> workspaces;

    public CardFingerprinter(final byte[] secret) {
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
        this.workspaces = ThreadLocal.withInitial(this::newWorkspace);
        newWorkspace();
    }

    /**
     * Fingerprints a card number (PAN, token or opaque reference, taken as its characters' low bytes) and writes
     * the two halves into {@code out[0]} and {@code out[1]}.
     */
    public void fingerprint(final CharSequence cardNumber, final long[] out) {
        final Workspace w = workspaces.get();
        final Mac mac = w.mac;
        for (int i = 0, n = cardNumber.length(); i < n; i++) {
            mac.update((byte)cardNumber.charAt(i));
        }
        try {
            mac.doFinal(w.digest, 0);
        } catch (final ShortBufferException e) {
            throw new IllegalStateException("HMAC output buffer too small", e);
        }
        out[0] = readLong(w.digest, 0);
        out[1] = readLong(w.digest, 8);
    }

    private Workspace newWorkspace() {
        try {
            final Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return new Workspace(mac, new byte[mac.getMacLength()]);
        } catch (final NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("cannot create " + ALGORITHM + ": " + e.getMessage(), e);
        }
    }

    private static long readLong(final byte[] bytes, final int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFFL);
        }
        return value;
    }

    private record Workspace(Mac mac, byte[] digest) {
    }
}
