package io.ringfence.features;

import io.ringfence.hashing.StableHash;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureSchemaTest {
    private static final String PINNED_ID = "ringfence-features/v4#f770788a599f8a1a";

    @Test
    void isVersionFourWith65NamedFeaturesInVectorOrder() {
        assertEquals(65, FeatureSchema.SIZE);
        assertEquals(FeatureSchema.SIZE, new FeatureVector().size());
        final List<String> names = FeatureSchema.names();
        assertEquals(FeatureSchema.SIZE, new HashSet<>(names).size());
        for (int i = 0; i < FeatureSchema.SIZE; i++) {
            assertEquals(Feature.values()[i], FeatureSchema.feature(i));
            assertEquals(Feature.values()[i].name(), names.get(i));
        }
        assertEquals("AMOUNT", names.get(0));
        assertEquals("IP_COUNTRY_AWAY_FROM_CARD", names.get(64));
    }

    @Test
    void theIdNamesTheVersionAndAHashOfTheOrderedNames() {
        assertEquals(StableHash.of("4:" + String.join(",", FeatureSchema.names())), FeatureSchema.HASH);
        assertEquals("ringfence-features/v4#" + Long.toHexString(FeatureSchema.HASH), FeatureSchema.ID);
    }

    @Test
    void theIdIsPinnedSoAChangedFeatureListNeedsANewVersion() {
        // Models trained on v4 name this id. If this fails, the feature list changed: bump FeatureSchema.VERSION and
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
