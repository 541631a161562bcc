package io.ringfence.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The table against a model: a {@link LinkedHashMap} in access order is an exact LRU cache, so after any
 * sequence of finds, touches and inserts both must hold the same keys, and every found record must be the one
 * written for its key (the index never points at the wrong record after backward-shift deletions).
 */
class RecordTableTest {
    private static final int PAYLOAD = RecordTable.HEADER_LENGTH;
    private static final int RECORD_LENGTH = RecordTable.HEADER_LENGTH + 8;

    private record Key(long high, long low) {
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {1, 2, 7, 64, 100, 1_000})
    void behavesExactlyLikeAnLruMapUnderRandomUse(final int capacity) {
        final Random random = new Random(20240315L + capacity);
        final Key[] universe = new Key[capacity * 4 + 16];
        for (int i = 0; i < universe.length; i++) {
            switch (i % 4) {
                case 0 -> universe[i] = new Key(random.nextLong(), random.nextLong());
                case 1 -> universe[i] = new Key(i, 0L);
                case 2 -> universe[i] = new Key(0L, i);
                default -> universe[i] = new Key(universe[i - 3].high(), universe[i - 3].low() ^ 1L);
            }
        }
        final int hot = Math.max(1, capacity * 3 / 4);
        final RecordTable table = new RecordTable(RECORD_LENGTH, capacity, null);
        final LinkedHashMap<Key, Long> model = new LinkedHashMap<>(16, 0.75f, true);
        long expectedEvictions = 0;

        for (int op = 0; op < 60_000; op++) {
            final Key key = random.nextInt(10) < 7 ? universe[random.nextInt(hot)] : universe[random.nextInt(universe.length)];
            final int record = table.find(key.high(), key.low());
            if (model.containsKey(key)) {
                assertTrue(record >= 0, "a key the model holds is missing, op " + op);
                if (random.nextInt(4) != 0) {
                    table.touch(record);
                    model.get(key);
                }
                assertEquals(peek(model, key), table.buffer(record).getLong(table.offset(record) + PAYLOAD),
                    "the index points at another key's record, op " + op);
            } else {
                assertEquals(-1, record, "a key the model evicted is still found, op " + op);
                Key evicted = null;
                if (model.size() == capacity) {
                    final Iterator<Key> eldest = model.keySet().iterator();
                    evicted = eldest.next();
                    eldest.remove();
                    expectedEvictions++;
                }
                final int inserted = table.insert(key.high(), key.low());
                final long value = random.nextLong();
                table.buffer(inserted).putLong(table.offset(inserted) + PAYLOAD, value);
                model.put(key, value);
                if (evicted != null) {
                    assertEquals(-1, table.find(evicted.high(), evicted.low()), "the LRU victim differs, op " + op);
                }
            }
            if (op % 5_000 == 0) {
                assertSameContents(table, model, universe);
            }
        }
        assertSameContents(table, model, universe);
        assertEquals(expectedEvictions, table.evictions());
        assertEquals(model.size(), table.size());
    }

    @Test
    void theSameOperationsGiveTheSameDigestAndDifferentOnesDoNot() {
        final RecordTable a = new RecordTable(RECORD_LENGTH, 50, null);
        final RecordTable b = new RecordTable(RECORD_LENGTH, 50, null);
        for (int i = 0; i < 200; i++) {
            for (final RecordTable t : new RecordTable[] {a, b}) {
                final int r = t.insert(i, i * 31L);
                t.buffer(r).putLong(t.offset(r) + PAYLOAD, i);
            }
        }
        assertEquals(a.digest(1), b.digest(1));
        assertNotEquals(a.digest(1), a.digest(2));

        b.touch(b.find(150, 150 * 31L));
        assertNotEquals(a.digest(1), b.digest(1), "the LRU order is part of the state");
        a.touch(a.find(150, 150 * 31L));
        assertEquals(a.digest(1), b.digest(1));
        a.buffer(0).putLong(a.offset(0) + PAYLOAD, -1);
        assertNotEquals(a.digest(1), b.digest(1), "a payload byte is part of the state");
    }

    @Test
    void recordsAreZeroedWhenReused() {
        final RecordTable table = new RecordTable(RECORD_LENGTH, 1, null);
        final int first = table.insert(1, 1);
        table.buffer(first).putLong(table.offset(first) + PAYLOAD, 42);
        final int second = table.insert(2, 2);
        assertEquals(first, second);
        assertEquals(0L, table.buffer(second).getLong(table.offset(second) + PAYLOAD));
        assertEquals(-1, table.find(1, 1));
        assertEquals(1, table.evictions());
    }

    @Test
    void aGuardSendsEvictionUpTheListAtMostSixteenDeep() {
        final RecordTable table = new RecordTable(RECORD_LENGTH, 40, (buffer, offset) ->
            buffer.getLong(offset + PAYLOAD) == 0L);
        for (int i = 0; i < 40; i++) {
            final int r = table.insert(i, 0);
            table.buffer(r).putLong(table.offset(r) + PAYLOAD, i < 20 ? 1L : 0L);
        }
        for (int i = 0; i < 4; i++) {
            table.insert(100 + i, 0);
        }
        assertEquals(4, table.guardOverrides(), "the 16 oldest were all guarded: the oldest goes anyway");
        for (int i = 0; i < 4; i++) {
            assertEquals(-1, table.find(i, 0));
        }
        assertTrue(table.find(4, 0) >= 0);

        final RecordTable shallow = new RecordTable(RECORD_LENGTH, 40, (buffer, offset) ->
            buffer.getLong(offset + PAYLOAD) == 0L);
        for (int i = 0; i < 40; i++) {
            final int r = shallow.insert(i, 0);
            shallow.buffer(r).putLong(shallow.offset(r) + PAYLOAD, i < RecordTable.EVICTION_SCAN_LIMIT - 1 ? 1L : 0L);
        }
        shallow.insert(100, 0);
        assertEquals(0, shallow.guardOverrides());
        assertEquals(-1, shallow.find(RecordTable.EVICTION_SCAN_LIMIT - 1, 0), "the 16th oldest, the first unguarded");
        for (int i = 0; i < RecordTable.EVICTION_SCAN_LIMIT - 1; i++) {
            assertTrue(shallow.find(i, 0) >= 0);
        }
    }

    @Test
    void sizeAndBytesPerRecordAreReported() {
        final RecordTable table = new RecordTable(RECORD_LENGTH, 1_024, null);
        assertEquals(RECORD_LENGTH + 8.0, table.bytesPerRecord(), 1e-9, "index at most half full: 2 ints per record");
        assertEquals(1_024, table.capacity());
        assertEquals(RECORD_LENGTH, table.recordLength());
        assertThrows(IllegalArgumentException.class, () -> new RecordTable(8, 10, null));
        assertThrows(IllegalArgumentException.class, () -> new RecordTable(RECORD_LENGTH, 0, null));
    }

    private static void assertSameContents(final RecordTable table, final Map<Key, Long> model, final Key[] universe) {
        assertEquals(model.size(), table.size());
        for (final Key key : universe) {
            final int record = table.find(key.high(), key.low());
            if (!model.containsKey(key)) {
                assertEquals(-1, record, "a key outside the model is found");
            } else {
                assertTrue(record >= 0, "a key in the model is missing");
                assertEquals(peek(model, key), table.buffer(record).getLong(table.offset(record) + PAYLOAD));
            }
        }
    }

    /** Reads the model without changing its access order. */
    private static long peek(final Map<Key, Long> model, final Key key) {
        for (final Map.Entry<Key, Long> e : model.entrySet()) {
            if (e.getKey().equals(key)) {
                return e.getValue();
            }
        }
        throw new AssertionError("not in the model");
    }
}
