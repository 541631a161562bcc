package io.ringfence.features;

import java.util.Arrays;

/**
 * One authorization's features, indexed by {@link Feature#ordinal()}. Reused for every event by the
 * business-logic thread: a scorer must copy what it wants to keep.
 */
public final class FeatureVector {
    private final double[] values = new double[FeatureSchema.SIZE];

    public double get(final Feature feature) {
        return values[feature.ordinal()];
    }

    public double get(final int index) {
        return values[index];
    }

    public void set(final Feature feature, final double value) {
        values[feature.ordinal()] = value;
    }

    public int size() {
        return values.length;
    }

    public void clear() {
        Arrays.fill(values, 0.0);
    }

    /** A copy of the values, in schema order; allocates, so not for the hot path. */
    public double[] toArray() {
        return values.clone();
    }

    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder("FeatureVector{");
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0.0) {
                sb.append(FeatureSchema.feature(i)).append('=').append(values[i]).append(' ');
            }
        }
        return sb.append('}').toString();
    }
}
