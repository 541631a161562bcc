package io.ringfence.features;

import io.ringfence.hashing.StableHash;

import java.util.Arrays;
import java.util.List;

/**
 * The named, versioned shape of the feature vector. A model carries the schema id it was trained on; the engine
 * refuses a model whose id differs from {@link #ID}.
 */
public final class FeatureSchema {
    public static final String NAME = "ringfence-features";
    public static final int VERSION = 4;
    private static final Feature[] FEATURES = Feature.values();
    /** Number of features: the length of every feature vector. */
    public static final int SIZE = FEATURES.length;
    /** Hash of the version and the ordered feature names: catches a reordering the version number missed. */
    public static final long HASH = StableHash.of(VERSION + ":" + String.join(",", names()));
    /** {@code ringfence-features/v4#<hash>}: what a model's manifest must name. */
    public static final String ID = NAME + "/v" + VERSION + "#" + Long.toHexString(HASH);

    private FeatureSchema() {
    }

    /** Feature names in vector order. */
    public static List<String> names() {
        return Arrays.stream(FEATURES).map(Enum::name).toList();
    }

    public static Feature feature(final int index) {
        return FEATURES[index];
    }
}
