package io.ringfence.features;

import io.ringfence.hashing.StableHash;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureSchemaTest {
    private static final String PINNED_ID = "ringfence-features/v3#b45b709d8a0ee6f";

    @Test
    void isVersionThreeWith60NamedFeaturesInVectorOrder() {
        assertEquals(60, FeatureSchema.SIZE);
        assertEquals(FeatureSchema.SIZE, new FeatureVector().size());
        final List<String> names = FeatureSchema.names();
        assertEquals(FeatureSchema.SIZE, new HashSet<>(names).size());
        for (int i = 0; i < FeatureSchema.SIZE; i++) {
            assertEquals(Feature.values()[i], FeatureSchema.feature(i));
            assertEquals(Feature.values()[i].name(), names.get(i));
        }
        assertEquals("AMOUNT", names.get(0));
        assertEquals("LAST_CP_TERMINAL_COMPROMISE_RATE_30D", names.get(59));
    }

    @Test
    void theIdNamesTheVersionAndAHashOfTheOrderedNames() {
        assertEquals(StableHash.of("3:" + String.join(",", FeatureSchema.names())), FeatureSchema.HASH);
        assertEquals("ringfence-features/v3#" + Long.toHexString(FeatureSchema.HASH), FeatureSchema.ID);
    }

    @Test
    void theIdIsPinnedSoAChangedFeatureListNeedsANewVersion() {
        // Models trained on v3 name this id. If this fails, the feature list changed: bump FeatureSchema.VERSION and
        // update the pin together, deliberately.
        assertEquals(PINNED_ID, FeatureSchema.ID);
    }

    @Test
    void theVectorClearsAndCopies() {
        final FeatureVector f = new FeatureVector();
        f.set(Feature.AMOUNT, 12.5);
        f.set(Feature.NEW_CARD, 1);
        assertEquals(12.5, f.get(0));
        final double[] copy = f.toArray();
        f.clear();
        assertEquals(0.0, f.get(Feature.AMOUNT));
        assertEquals(12.5, copy[Feature.AMOUNT.ordinal()]);
        assertTrue(new FeatureVector().toString().endsWith("{}"));
    }
}
