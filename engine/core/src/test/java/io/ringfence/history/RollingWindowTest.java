package io.ringfence.history;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window's contract at its edges: W seconds in four epoch-aligned buckets of W/4; an event of age below 3W/4
 * is always counted, of age W or more never; reads change nothing; counters saturate.
 */
class RollingWindowTest {
    private static final int OFFSET = 8;
    private static final long T0 = 1_710_496_800L;

    /** A window inside a buffer with guard bytes either side, with its owner's last-update second. */
    private static final class Owner {
        final RollingWindow window;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        long lastUpdate;

        Owner(final long windowSeconds, final int width, final long start) {
            window = new RollingWindow(windowSeconds, width);
            lastUpdate = start;
            buffer.setMemory(0, 64, (byte)0x5A);
            buffer.setMemory(OFFSET, window.length(), (byte)0);
        }

        void record(final long now, final long first, final long second) {
            final long at = Math.max(now, lastUpdate);
            window.advance(buffer, OFFSET, lastUpdate, at);
            lastUpdate = at;
            window.add(buffer, OFFSET, at, first, second);
        }

        int count(final long now) {
            return window.sumFirst(buffer, OFFSET, lastUpdate, now);
        }

        int amount(final long now) {
            return window.sumSecond(buffer, OFFSET, lastUpdate, now);
        }

        void assertGuardBytesUntouched() {
            for (int i = 0; i < 64; i++) {
                if (i < OFFSET || i >= OFFSET + window.length()) {
                    assertEquals((byte)0x5A, buffer.getByte(i), "byte " + i + " outside the window was written");
                }
            }
        }
    }

    @ParameterizedTest(name = "W={0}s")
    @ValueSource(longs = {60, 3_600, 86_400, 604_800, 2_592_000})
    void anEventIsAlwaysCountedBelowThreeQuartersOfTheWindowAndNeverFromTheWindowOn(final long w) {
        final long bucket = w / 4;
        final long[] phases = {0, 1, bucket / 2, bucket - 1};
        final long[] ages = {0, 1, bucket - 1, bucket, 2 * bucket, 3 * bucket - 1, 3 * bucket, 3 * bucket + bucket / 2,
            w - 1, w, w + 1, w + bucket, 2 * w, 100 * w};
        for (final long phase : phases) {
            final long eventTime = (T0 / bucket) * bucket + phase;
            final Owner owner = new Owner(w, 2, eventTime);
            owner.record(eventTime, 1, 7);
            for (final long age : ages) {
                final long now = eventTime + age;
                final int count = owner.count(now);
                final String at = "phase " + phase + " age " + age;
                if (age < 3 * w / 4) {
                    assertEquals(1, count, at);
                    assertEquals(7, owner.amount(now), at);
                } else if (age >= w) {
                    assertEquals(0, count, at);
                    assertEquals(0, owner.amount(now), at);
                }
                final long expected = now / bucket - eventTime / bucket <= 3 ? 1 : 0;
                assertEquals(expected, count, "bucket rule, " + at);
            }
            owner.assertGuardBytesUntouched();
        }
    }

    @Test
    void theBucketsAreAlignedToTheEpochNotToTheFirstEvent() {
        final Owner owner = new Owner(60, 2, 0);
        owner.record(44, 1, 0);
        assertEquals(1, owner.count(59));
        assertEquals(1, owner.count(89), "bucket [30,45) is still the oldest of four at 89");
        assertEquals(0, owner.count(90), "at 90 the buckets are [45,60) ... [90,105): 44 fell out after 46 s");
    }

    @Test
    void readingNeverChangesTheRecordSoAFeatureReadBeforeTheUpdateExcludesTheEventBeingScored() {
        final Owner owner = new Owner(3_600, 2, T0);
        owner.record(T0, 1, 10);
        final byte[] before = new byte[64];
        owner.buffer.getBytes(0, before);

        final long now = T0 + 1_000;
        assertEquals(1, owner.count(now), "the previous event only");
        owner.count(T0 + 10 * 3_600);
        final byte[] after = new byte[64];
        owner.buffer.getBytes(0, after);
        assertTrue(Arrays.equals(before, after), "a read wrote to the record");

        owner.record(now, 1, 5);
        assertEquals(2, owner.count(now), "after the update the event counts itself");
        assertEquals(15, owner.amount(now));
    }

    @Test
    void agreesWithAModelOfTheBucketRuleOverARandomHistory() {
        final long w = 60;
        final long bucket = w / 4;
        final Random random = new Random(7);
        final Owner owner = new Owner(w, 2, T0);
        final List<long[]> events = new ArrayList<>();
        long time = T0;
        for (int i = 0; i < 5_000; i++) {
            time += random.nextInt(10) == 0 ? random.nextInt(300) : random.nextInt(20);
            for (int q = 0; q < 4; q++) {
                final long now = time + random.nextInt(100);
                int expectedCount = 0;
                int expectedAmount = 0;
                int alwaysCounted = 0;
                int possiblyCounted = 0;
                for (final long[] e : events) {
                    final long age = now - e[0];
                    if (now / bucket - e[0] / bucket <= 3) {
                        expectedCount++;
                        expectedAmount += (int)e[1];
                    }
                    alwaysCounted += age < 3 * w / 4 ? 1 : 0;
                    possiblyCounted += age < w ? 1 : 0;
                }
                final int count = owner.count(now);
                assertEquals(expectedCount, count, "event " + i + " at +" + (now - T0));
                assertEquals(expectedAmount, owner.amount(now));
                assertTrue(count >= alwaysCounted && count <= possiblyCounted);
            }
            final long amount = random.nextInt(50);
            owner.record(time, 1, amount);
            events.add(new long[] {time, amount});
            final long horizon = time - 2 * w;
            events.removeIf(e -> e[0] < horizon);
        }
        owner.assertGuardBytesUntouched();
    }

    @Test
    void aLongGapClearsEveryBucket() {
        final Owner owner = new Owner(3_600, 2, T0);
        for (int i = 0; i < 4; i++) {
            owner.record(T0 + i * 900L, 3, 30);
        }
        assertEquals(12, owner.count(T0 + 2_700));
        owner.record(T0 + 10 * 3_600, 1, 1);
        assertEquals(1, owner.count(T0 + 10 * 3_600));
        assertEquals(1, owner.amount(T0 + 10 * 3_600));
    }

    @Test
    void countersSaturateInsteadOfWrapping() {
        final Owner narrow = new Owner(3_600, 1, T0);
        narrow.record(T0, 200, 250);
        narrow.record(T0, 100, 10);
        assertEquals(255, narrow.count(T0));
        assertEquals(255, narrow.amount(T0));
        narrow.record(T0 + 900, 255, 1);
        assertEquals(510, narrow.count(T0 + 900), "saturation is per bucket; the window sums buckets");
        narrow.assertGuardBytesUntouched();

        final Owner wide = new Owner(3_600, 2, T0);
        wide.record(T0, 65_000, 1_000_000);
        wide.record(T0, 1_000, 1);
        assertEquals(65_535, wide.count(T0));
        assertEquals(65_535, wide.amount(T0));
        wide.assertGuardBytesUntouched();
    }

    @Test
    void windowsMustSplitIntoFourBucketsAndCountersBeOneOrTwoBytes() {
        assertThrows(IllegalArgumentException.class, () -> new RollingWindow(62, 2));
        assertThrows(IllegalArgumentException.class, () -> new RollingWindow(60, 3));
        assertEquals(16, new RollingWindow(60, 2).length());
        assertEquals(8, new RollingWindow(60, 1).length());
        assertEquals(15, new RollingWindow(60, 1).bucketSeconds());
    }
}
