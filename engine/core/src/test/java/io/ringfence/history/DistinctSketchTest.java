package io.ringfence.history;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistinctSketchTest {
    @Test
    void anEmptySketchHoldsNothing() {
        assertEquals(0, DistinctSketch.estimate(0L));
        assertFalse(DistinctSketch.mightContain(0L, 12345L));
    }

    @Test
    void addingAKeyAgainChangesNothing() {
        final long once = DistinctSketch.add(0L, 42L);
        assertEquals(once, DistinctSketch.add(once, 42L));
        assertEquals(1, DistinctSketch.estimate(once));
    }

    @Test
    void neverForgetsAKey() {
        final Random random = new Random(1);
        for (int trial = 0; trial < 1_000; trial++) {
            long sketch = 0L;
            final long[] keys = new long[1 + random.nextInt(40)];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = random.nextLong();
                sketch = DistinctSketch.add(sketch, keys[i]);
            }
            for (final long key : keys) {
                assertTrue(DistinctSketch.mightContain(sketch, key));
            }
        }
    }

    @Test
    void estimatesWithinTenPercentOnAverageUpToTwentyKeys() {
        final Random random = new Random(2);
        for (final int n : new int[] {1, 2, 5, 10, 20}) {
            double total = 0;
            final int trials = 2_000;
            for (int trial = 0; trial < trials; trial++) {
                long sketch = 0L;
                for (int i = 0; i < n; i++) {
                    sketch = DistinctSketch.add(sketch, random.nextLong());
                }
                final int estimate = DistinctSketch.estimate(sketch);
                assertTrue(estimate >= 1 && estimate <= 3 * n, "n=" + n + " estimate " + estimate);
                total += estimate;
            }
            final double mean = total / trials;
            assertEquals(n, mean, Math.max(0.5, n * 0.10), "mean estimate for " + n + " keys");
        }
    }

    @Test
    void saturatesNearAHundredAndRarelyMistakesAStranger() {
        long sketch = 0L;
        for (long key = 0; key < 1_000; key++) {
            sketch = DistinctSketch.add(sketch, key);
        }
        assertEquals(100, DistinctSketch.estimate(sketch));
        assertEquals(100, DistinctSketch.estimate(-1L));

        final Random random = new Random(3);
        long few = 0L;
        for (int i = 0; i < 3; i++) {
            few = DistinctSketch.add(few, random.nextLong());
        }
        int falsePositives = 0;
        for (int i = 0; i < 10_000; i++) {
            falsePositives += DistinctSketch.mightContain(few, random.nextLong()) ? 1 : 0;
        }
        assertTrue(falsePositives < 200, "3 keys set about 6 of 64 bits: about 1% false positives, got "
            + falsePositives / 100.0 + "%");
    }
}
