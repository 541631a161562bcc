package io.ringfence.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A saved and reloaded table is the same table: same digest, same counters, same record for every key, and the
 * same behaviour afterwards (LRU order and index layout included, which only further operations reveal).
 */
class RecordTableSnapshotTest {
    private static final int PAYLOAD = RecordTable.HEADER_LENGTH;
    /** Larger than the header and not a multiple of 8, so the digest's byte tail is exercised too. */
    private static final int RECORD_LENGTH = RecordTable.HEADER_LENGTH + 13;
    /** Payload byte that marks a record the guard wants kept, as a flag does for cards. */
    private static final int GUARDED = PAYLOAD + 8;
    private static final RecordTable.EvictionGuard GUARD = (buffer, offset) -> buffer.getByte(offset + GUARDED) == 0;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {1, 7, 1_000, 30_000})
    void aReloadedTableIsTheSameTableAndStaysTheSame(final int capacity) throws IOException {
        final long[][] keys = keys(capacity * 3 + 10, 77L + capacity);
        final RecordTable original = new RecordTable(RECORD_LENGTH, capacity, GUARD);
        final Random random = new Random(1234L + capacity);
        operate(original, keys, random, capacity * 10);
        assertTrue(original.evictions() > 0, "the test must cover eviction");

        final RecordTable restored = new RecordTable(RECORD_LENGTH, capacity, GUARD);
        operate(restored, keys, new Random(99L), capacity);
        roundTrip(original, restored);
        assertSame(original, restored, keys);

        final long seed = random.nextLong();
        for (int round = 0; round < 4; round++) {
            operate(original, keys, new Random(seed + round), capacity * 2);
            operate(restored, keys, new Random(seed + round), capacity * 2);
            assertSame(original, restored, keys);
        }
    }

    @Test
    void anEmptyTableRoundTrips() throws IOException {
        final RecordTable original = new RecordTable(RECORD_LENGTH, 16, null);
        final RecordTable restored = new RecordTable(RECORD_LENGTH, 16, null);
        operate(restored, keys(40, 5L), new Random(5L), 100);
        roundTrip(original, restored);
        assertSame(original, restored, keys(40, 5L));
    }

    @Test
    void aTableOfAnotherShapeIsRefusedByName() throws IOException {
        final RecordTable original = new RecordTable(RECORD_LENGTH, 64, null);
        operate(original, keys(100, 1L), new Random(1L), 200);
        final Path file = save(original);

        final IllegalArgumentException capacity = assertThrows(IllegalArgumentException.class,
            () -> load(file, new RecordTable(RECORD_LENGTH, 65, null)));
        assertEquals("saved table has record length 37 and capacity 64, this table 37 and 65", capacity.getMessage());
        final IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
            () -> load(file, new RecordTable(RECORD_LENGTH + 1, 64, null)));
        assertEquals("saved table has record length 37 and capacity 64, this table 38 and 64", length.getMessage());
    }

    @Test
    void aShortSectionFailsAndClearLeavesATableAsBuilt() throws IOException {
        final long[][] keys = keys(300, 3L);
        final RecordTable original = new RecordTable(RECORD_LENGTH, 100, null);
        operate(original, keys, new Random(3L), 1_000);
        final Path file = save(original);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 1);
        }
        final RecordTable damaged = new RecordTable(RECORD_LENGTH, 100, null);
        assertThrows(EOFException.class, () -> load(file, damaged));

        damaged.clear();
        final RecordTable fresh = new RecordTable(RECORD_LENGTH, 100, null);
        assertSame(fresh, damaged, keys);
        operate(damaged, keys, new Random(4L), 1_000);
        operate(fresh, keys, new Random(4L), 1_000);
        assertSame(fresh, damaged, keys);
    }

    /** Finds, touches and inserts (guarding some records) as the stores do. */
    private static void operate(final RecordTable table, final long[][] keys, final Random random, final int count) {
        for (int op = 0; op < count; op++) {
            final long[] key = keys[random.nextInt(keys.length)];
            int record = table.find(key[0], key[1]);
            if (record < 0) {
                record = table.insert(key[0], key[1]);
                table.buffer(record).putByte(table.offset(record) + GUARDED, (byte)(random.nextInt(2) == 0 ? 1 : 0));
            } else if (random.nextBoolean()) {
                table.touch(record);
            }
            final int offset = table.offset(record);
            table.buffer(record).putLong(offset + PAYLOAD, table.buffer(record).getLong(offset + PAYLOAD) + op);
            table.buffer(record).putByte(offset + RECORD_LENGTH - 1, (byte)op);
        }
    }

    private static void assertSame(final RecordTable expected, final RecordTable actual, final long[][] keys) {
        assertEquals(expected.digest(17L), actual.digest(17L), "digest");
        assertEquals(expected.size(), actual.size(), "size");
        assertEquals(expected.evictions(), actual.evictions(), "evictions");
        assertEquals(expected.guardOverrides(), actual.guardOverrides(), "guard overrides");
        for (final long[] key : keys) {
            assertEquals(expected.find(key[0], key[1]), actual.find(key[0], key[1]), "record of a key");
        }
    }

    private void roundTrip(final RecordTable from, final RecordTable into) throws IOException {
        load(save(from), into);
    }

    private Path save(final RecordTable table) throws IOException {
        final Path file = dir.resolve("table-" + System.identityHashCode(table));
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            table.writeTo(out);
        }
        return file;
    }

    private static void load(final Path file, final RecordTable table) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            table.readFrom(in);
            assertEquals(in.size(), in.position(), "a section is read exactly to its end");
        }
    }

    /** Random keys, plus keys that differ in one bit, so neighbouring home slots and probe chains occur. */
    private static long[][] keys(final int count, final long seed) {
        final Random random = new Random(seed);
        final long[][] keys = new long[count][];
        for (int i = 0; i < count; i++) {
            keys[i] = i % 3 == 2 ? new long[] {keys[i - 1][0], keys[i - 1][1] ^ 1L}
                : new long[] {random.nextLong(), random.nextLong()};
        }
        return keys;
    }
}
