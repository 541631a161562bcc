package io.ringfence.history;

/**
 * Approximate distinct count and membership in one {@code long}: a 64-bit Bloom filter with two hash bits per
 * key, read by linear counting. Good to about 10% up to 20 distinct keys, saturating near 100; membership
 * answers "seen" falsely with probability (bits set / 64)^2. The estimate uses {@link StrictMath} so it has the
 * same bits on every JVM: replays on another machine must reach the same features.
 */
public final class DistinctSketch {
    private static final double BITS = 64.0;
    private static final int SATURATED_ESTIMATE = 100;

    private DistinctSketch() {
    }

    public static long add(final long sketch, final long key) {
        return sketch | bits(key);
    }

    public static boolean mightContain(final long sketch, final long key) {
        final long bits = bits(key);
        return (sketch & bits) == bits;
    }

    public static int estimate(final long sketch) {
        final int set = Long.bitCount(sketch);
        if (set == 0) {
            return 0;
        }
        if (set >= 63) {
            return SATURATED_ESTIMATE;
        }
        return (int)Math.round(-(BITS / 2.0) * StrictMath.log(1.0 - set / BITS));
    }

    private static long bits(final long key) {
        final long h = RecordTable.mix(key);
        return (1L << (h & 63)) | (1L << ((h >>> 6) & 63));
    }
}
