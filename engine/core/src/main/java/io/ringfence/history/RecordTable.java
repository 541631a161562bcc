package io.ringfence.history;

import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A fixed-capacity, off-heap table of fixed-length records keyed by 128 bits, with least-recently-used
 * eviction. The storage under every history store (cards, merchants, terminals, token links).
 *
 * <p>Records live in pages of direct memory and never move, so an index into them stays valid until the record
 * is evicted. A separate open-addressing index (linear probing over {@code int}s, at most half full) maps keys
 * to record indices; eviction removes the victim's index entry by backward shift, so no tombstones build up.
 * A doubly linked LRU list threads through the record headers.
 *
 * <pre>
 * record header (every record starts with it):
 *  0                   8                   16        20        24
 *  +-------------------+-------------------+---------+---------+----------------------------+
 *  | key high (long)   | key low (long)    | lru prev| lru next| payload (owner's layout)   |
 *  +-------------------+-------------------+---------+---------+----------------------------+
 * </pre>
 *
 * <p>A table saves itself to a channel and loads itself back ({@link #writeTo}, {@link #readFrom}) as one section:
 *
 * <pre>
 *  int recordLength | int capacity | int size | int lruHead | int lruTail | long evictions | long guardOverrides
 *  (big-endian), then the used bytes of every page in record order (size * recordLength, native byte order),
 *  then the whole index (native byte order)
 * </pre>
 *
 * <p>Records and index go to the channel straight from their direct memory, a window at a time, so saving a
 * table of any size copies nothing onto the heap.
 *
 * <p>Single-threaded: owned by the business-logic thread. Allocates only when constructed, and a few bytes per
 * save or load (an administrative operation, not per event).
 */
public final class RecordTable {
    public static final int KEY_HIGH_OFFSET = 0;
    public static final int KEY_LOW_OFFSET = 8;
    static final int LRU_PREV_OFFSET = 16;
    static final int LRU_NEXT_OFFSET = 20;
    public static final int HEADER_LENGTH = 24;
    /** How far from the LRU tail eviction looks for a record the guard allows to go. */
    static final int EVICTION_SCAN_LIMIT = 16;
    private static final int NONE = -1;
    private static final long MAX_PAGE_BYTES = 1L << 30;
    /** Bytes handed to a channel per call when saving or loading: large enough to stream, small enough to stay in cache. */
    private static final int TRANSFER_WINDOW = 1 << 20;
    private static final int SECTION_HEADER_LENGTH = 5 * Integer.BYTES + 2 * Long.BYTES;

    /**
     * Says whether a record may be evicted (the card store keeps flagged cards while it can), and hears of the record
     * about to go (the token store moves a flagged card's link elsewhere first).
     */
    @FunctionalInterface
    public interface EvictionGuard {
        boolean mayEvict(UnsafeBuffer buffer, int offset);

        /** Called with the record chosen for eviction, before it is overwritten. */
        default void evicting(final UnsafeBuffer buffer, final int offset) {
        }
    }

    private final int recordLength;
    private final int capacity;
    private final UnsafeBuffer[] pages;
    private final int pageShift;
    private final int pageMask;
    private final UnsafeBuffer index;
    private final int indexMask;
    private final EvictionGuard guard;

    private int size;
    private int lruHead = NONE;
    private int lruTail = NONE;
    private long evictions;
    private long guardOverrides;

    public RecordTable(final int recordLength, final int capacity, final EvictionGuard guard) {
        if (recordLength < HEADER_LENGTH || capacity <= 0) {
            throw new IllegalArgumentException("recordLength " + recordLength + " capacity " + capacity);
        }
        this.recordLength = recordLength;
        this.capacity = capacity;
        this.guard = guard;

        final int recordsPerPageLimit = Integer.highestOneBit((int)(MAX_PAGE_BYTES / recordLength));
        final int recordsPerPage = Math.min(BitUtil.findNextPositivePowerOfTwo(capacity), recordsPerPageLimit);
        pageShift = Integer.numberOfTrailingZeros(recordsPerPage);
        pageMask = recordsPerPage - 1;
        final int pageCount = (capacity + recordsPerPage - 1) / recordsPerPage;
        pages = new UnsafeBuffer[pageCount];
        for (int p = 0; p < pageCount; p++) {
            final int records = Math.min(recordsPerPage, capacity - p * recordsPerPage);
            pages[p] = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
                BitUtil.align(records * recordLength, BitUtil.CACHE_LINE_LENGTH), BitUtil.CACHE_LINE_LENGTH));
        }
        final int indexSlots = BitUtil.findNextPositivePowerOfTwo(capacity) * 2;
        index = new UnsafeBuffer(BufferUtil.allocateDirectAligned(indexSlots * Integer.BYTES,
            BitUtil.CACHE_LINE_LENGTH));
        indexMask = indexSlots - 1;
    }

    /** The record index for the key, or -1 when absent. Does not touch the LRU order. */
    public int find(final long keyHigh, final long keyLow) {
        int slot = homeSlot(keyHigh, keyLow);
        while (true) {
            final int entry = index.getInt(slot << 2);
            if (entry == 0) {
                return NONE;
            }
            final int record = entry - 1;
            if (keyMatches(record, keyHigh, keyLow)) {
                return record;
            }
            slot = (slot + 1) & indexMask;
        }
    }

    /**
     * Adds a record for a key known to be absent, evicting the least recently used record if the table is full.
     * The new record is zeroed but for its key, and is the most recently used.
     */
    public int insert(final long keyHigh, final long keyLow) {
        final int record;
        if (size < capacity) {
            record = size++;
        } else {
            record = chooseVictim();
            if (guard != null) {
                guard.evicting(buffer(record), offset(record));
            }
            removeFromIndex(record);
            unlink(record);
            evictions++;
        }
        final UnsafeBuffer buffer = buffer(record);
        final int offset = offset(record);
        buffer.setMemory(offset, recordLength, (byte)0);
        buffer.putLong(offset + KEY_HIGH_OFFSET, keyHigh);
        buffer.putLong(offset + KEY_LOW_OFFSET, keyLow);

        int slot = homeSlot(keyHigh, keyLow);
        while (index.getInt(slot << 2) != 0) {
            slot = (slot + 1) & indexMask;
        }
        index.putInt(slot << 2, record + 1);
        linkAtHead(record);
        return record;
    }

    /**
     * The record for the key, made the most recently used: the existing one, or a new zeroed one (evicting the least
     * recently used when full). For stores whose callers overwrite the whole record either way.
     */
    public int findOrInsert(final long keyHigh, final long keyLow) {
        final int existing = find(keyHigh, keyLow);
        if (existing < 0) {
            return insert(keyHigh, keyLow);
        }
        touch(existing);
        return existing;
    }

    /** Marks the record most recently used. */
    public void touch(final int record) {
        if (record != lruHead) {
            unlink(record);
            linkAtHead(record);
        }
    }

    public UnsafeBuffer buffer(final int record) {
        return pages[record >>> pageShift];
    }

    public int offset(final int record) {
        return (record & pageMask) * recordLength;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    public int recordLength() {
        return recordLength;
    }

    /** Records evicted to make room since the table was built. */
    public long evictions() {
        return evictions;
    }

    /** Evictions that had to take a guarded record because none of the oldest few was unguarded. */
    public long guardOverrides() {
        return guardOverrides;
    }

    /** Off-heap bytes per configured record, index included. */
    public double bytesPerRecord() {
        return recordLength + (double)(indexMask + 1) * Integer.BYTES / capacity;
    }

    /**
     * Folds every record, in record order, into a 64-bit digest. Two tables that saw the same operations in the
     * same order have the same digest.
     */
    public long digest(final long seed) {
        long h = seed ^ size;
        for (int record = 0; record < size; record++) {
            final UnsafeBuffer buffer = buffer(record);
            final int offset = offset(record);
            int i = 0;
            for (; i + Long.BYTES <= recordLength; i += Long.BYTES) {
                h = mix(h ^ buffer.getLong(offset + i));
            }
            for (; i < recordLength; i++) {
                h = mix(h ^ buffer.getByte(offset + i));
            }
        }
        return mix(h ^ lruHead ^ ((long)lruTail << 32) ^ evictions);
    }

    /**
     * Writes the table's exact state as one section (layout in the class comment): after {@link #readFrom} of it,
     * a table of the same record length and capacity holds the same records, index, LRU order and counters, so it
     * has the same {@link #digest} and behaves identically from then on.
     */
    public void writeTo(final WritableByteChannel out) throws IOException {
        final ByteBuffer header = ByteBuffer.allocate(SECTION_HEADER_LENGTH)
            .putInt(recordLength).putInt(capacity).putInt(size).putInt(lruHead).putInt(lruTail)
            .putLong(evictions).putLong(guardOverrides)
            .flip();
        writeFully(out, header);
        final int recordsPerPage = pageMask + 1;
        for (int p = 0; p < pages.length; p++) {
            final int records = Math.max(0, Math.min(recordsPerPage, size - p * recordsPerPage));
            writePrefix(pages[p], records * recordLength, out);
        }
        writePrefix(index, index.capacity(), out);
    }

    /**
     * Replaces the table's state with a section written by {@link #writeTo}.
     *
     * <p>The section must come from a table of the same record length and capacity (an {@link
     * IllegalArgumentException} says which differs), and its counters must be consistent. On any failure the table
     * is left half loaded and must not be used until {@link #clear()}ed or loaded again.
     */
    public void readFrom(final ReadableByteChannel in) throws IOException {
        final ByteBuffer header = ByteBuffer.allocate(SECTION_HEADER_LENGTH);
        readFully(in, header);
        header.flip();
        final int savedRecordLength = header.getInt();
        final int savedCapacity = header.getInt();
        if (savedRecordLength != recordLength || savedCapacity != capacity) {
            throw new IllegalArgumentException("saved table has record length " + savedRecordLength + " and capacity "
                + savedCapacity + ", this table " + recordLength + " and " + capacity);
        }
        final int savedSize = header.getInt();
        final int savedHead = header.getInt();
        final int savedTail = header.getInt();
        final long savedEvictions = header.getLong();
        final long savedOverrides = header.getLong();
        final boolean empty = savedSize == 0;
        if (savedSize < 0 || savedSize > capacity || savedEvictions < 0 || savedOverrides < 0
            || empty != (savedHead == NONE) || empty != (savedTail == NONE)
            || savedHead < NONE || savedHead >= savedSize || savedTail < NONE || savedTail >= savedSize) {
            throw new IllegalArgumentException("saved table counters are inconsistent: size " + savedSize + " head "
                + savedHead + " tail " + savedTail + " evictions " + savedEvictions + " overrides " + savedOverrides);
        }
        final int recordsPerPage = pageMask + 1;
        for (int p = 0; p < pages.length; p++) {
            final int records = Math.max(0, Math.min(recordsPerPage, savedSize - p * recordsPerPage));
            readPrefix(pages[p], records * recordLength, in);
        }
        readPrefix(index, index.capacity(), in);
        size = savedSize;
        lruHead = savedHead;
        lruTail = savedTail;
        evictions = savedEvictions;
        guardOverrides = savedOverrides;
    }

    /**
     * Empties the table and zeroes its counters, as if just built: records past {@link #size()} are never read
     * before {@link #insert} zeroes them, so only the index needs clearing.
     */
    public void clear() {
        index.setMemory(0, index.capacity(), (byte)0);
        size = 0;
        lruHead = NONE;
        lruTail = NONE;
        evictions = 0;
        guardOverrides = 0;
    }

    /** Writes the first {@code length} bytes of {@code memory} straight from its direct memory, window by window. */
    private static void writePrefix(final UnsafeBuffer memory, final int length, final WritableByteChannel out)
        throws IOException {
        for (int position = 0; position < length; position += TRANSFER_WINDOW) {
            writeFully(out, memory.byteBuffer().slice(position, Math.min(TRANSFER_WINDOW, length - position)));
        }
    }

    /** Reads the first {@code length} bytes of {@code memory} straight into its direct memory, window by window. */
    private static void readPrefix(final UnsafeBuffer memory, final int length, final ReadableByteChannel in)
        throws IOException {
        for (int position = 0; position < length; position += TRANSFER_WINDOW) {
            readFully(in, memory.byteBuffer().slice(position, Math.min(TRANSFER_WINDOW, length - position)));
        }
    }

    private static void writeFully(final WritableByteChannel out, final ByteBuffer source) throws IOException {
        while (source.hasRemaining()) {
            out.write(source);
        }
    }

    private static void readFully(final ReadableByteChannel in, final ByteBuffer target) throws IOException {
        while (target.hasRemaining()) {
            if (in.read(target) < 0) {
                throw new EOFException("saved table ends " + target.remaining() + " bytes early");
            }
        }
    }

    private int chooseVictim() {
        int candidate = lruTail;
        for (int scanned = 0; scanned < EVICTION_SCAN_LIMIT && candidate != NONE; scanned++) {
            if (guard == null || guard.mayEvict(buffer(candidate), offset(candidate))) {
                return candidate;
            }
            candidate = buffer(candidate).getInt(offset(candidate) + LRU_PREV_OFFSET);
        }
        guardOverrides++;
        return lruTail;
    }

    private boolean keyMatches(final int record, final long keyHigh, final long keyLow) {
        final UnsafeBuffer buffer = buffer(record);
        final int offset = offset(record);
        return buffer.getLong(offset + KEY_LOW_OFFSET) == keyLow && buffer.getLong(offset + KEY_HIGH_OFFSET) == keyHigh;
    }

    private int homeSlot(final long keyHigh, final long keyLow) {
        return (int)(mix(keyHigh ^ Long.rotateLeft(keyLow, 29)) & indexMask);
    }

    private int homeSlotOf(final int record) {
        final UnsafeBuffer buffer = buffer(record);
        final int offset = offset(record);
        return homeSlot(buffer.getLong(offset + KEY_HIGH_OFFSET), buffer.getLong(offset + KEY_LOW_OFFSET));
    }

    private void removeFromIndex(final int record) {
        int hole = homeSlotOf(record);
        while (index.getInt(hole << 2) != record + 1) {
            hole = (hole + 1) & indexMask;
        }
        int slot = (hole + 1) & indexMask;
        while (true) {
            final int entry = index.getInt(slot << 2);
            if (entry == 0) {
                break;
            }
            final int home = homeSlotOf(entry - 1);
            final boolean homeOutsideGap = hole <= slot ? (home <= hole || home > slot) : (home <= hole && home > slot);
            if (homeOutsideGap) {
                index.putInt(hole << 2, entry);
                hole = slot;
            }
            slot = (slot + 1) & indexMask;
        }
        index.putInt(hole << 2, 0);
    }

    private void linkAtHead(final int record) {
        setPrev(record, NONE);
        setNext(record, lruHead);
        if (lruHead != NONE) {
            setPrev(lruHead, record);
        }
        lruHead = record;
        if (lruTail == NONE) {
            lruTail = record;
        }
    }

    private void unlink(final int record) {
        final int prev = buffer(record).getInt(offset(record) + LRU_PREV_OFFSET);
        final int next = buffer(record).getInt(offset(record) + LRU_NEXT_OFFSET);
        if (prev != NONE) {
            setNext(prev, next);
        } else {
            lruHead = next;
        }
        if (next != NONE) {
            setPrev(next, prev);
        } else {
            lruTail = prev;
        }
    }

    private void setPrev(final int record, final int prev) {
        buffer(record).putInt(offset(record) + LRU_PREV_OFFSET, prev);
    }

    private void setNext(final int record, final int next) {
        buffer(record).putInt(offset(record) + LRU_NEXT_OFFSET, next);
    }

    static long mix(final long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
