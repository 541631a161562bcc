package io.ringfence.hashing;

/**
 * A 64-bit hash of identifiers (merchant, terminal, device, IP, email) that is the same in every JVM and every
 * run, unlike {@link String#hashCode()} mixing: the journal and replays depend on it. Never returns 0, which
 * means "absent" in the event.
 */
public final class StableHash {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private StableHash() {
    }

    /** Hash of one identifier, or 0 for null or empty. */
    public static long of(final CharSequence value) {
        if (value == null || value.length() == 0) {
            return 0L;
        }
        return finish(update(FNV_OFFSET, value));
    }

    /** Hash of two identifiers as a pair (a terminal within its merchant), or 0 when the second is absent. */
    public static long of(final CharSequence first, final CharSequence second) {
        if (second == null || second.length() == 0) {
            return 0L;
        }
        long h = update(FNV_OFFSET, first == null ? "" : first);
        h = (h ^ 0x1F) * FNV_PRIME;
        return finish(update(h, second));
    }

    private static long update(final long seed, final CharSequence value) {
        long h = seed;
        for (int i = 0, n = value.length(); i < n; i++) {
            h = (h ^ value.charAt(i)) * FNV_PRIME;
        }
        return h;
    }

    /** MurmurHash3's 64-bit finaliser: spreads FNV's weak low bits. */
    static long finish(final long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0L ? 1L : h;
    }
}
