package io.ringfence.api;

/**
 * The keyed 128-bit fingerprint that stands in for a card everywhere the PAN may not go.
 *
 * @param high the first 64 bits of the HMAC
 * @param low  the next 64 bits of the HMAC
 */
public record Fingerprint(long high, long low) {
    /** The fingerprint of a request that carried no usable card number. */
    public static final Fingerprint NONE = new Fingerprint(0L, 0L);

    /** Parses the 32 hex digit form produced by {@link #toString()}. */
    public static Fingerprint parse(final String hex) {
        if (hex == null || hex.length() != 32) {
            throw new IllegalArgumentException("fingerprint must be 32 hex digits");
        }
        return new Fingerprint(Long.parseUnsignedLong(hex.substring(0, 16), 16),
            Long.parseUnsignedLong(hex.substring(16), 16));
    }

    public boolean isNone() {
        return high == 0L && low == 0L;
    }

    @Override
    public String toString() {
        return String.format("%016x%016x", high, low);
    }
}
