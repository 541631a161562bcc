package io.ringfence.history;

import io.ringfence.api.FlagReason;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The cards the engine refuses, kept apart from the card history so that no churn of the card store can make the
 * engine forget one: a fixed-capacity open-addressing table of card fingerprints with their flag's reason and time,
 * and of token links that lead to a flagged card (a token whose link left the token store still resolves here).
 *
 * <p>One writer, any number of readers: the business-logic thread adds and removes entries; caller threads read
 * {@link #reasonOf} without a lock, so a stand-in decision refuses a flagged card even when the engine is overloaded.
 * Each slot carries a version: the writer marks it busy, writes, then publishes the next version with a release
 * store; a reader reads the version (acquire), the fields, then the version again, and retries if it changed or was
 * busy. Removal leaves a tombstone, so a reader probing past a removed entry still finds the ones behind it; the
 * writer rebuilds the table in place of tombstones when they pile up (an allocation on that rare path only).
 *
 * <p>Capacity is a hard limit: an entry that does not fit is refused ({@link #flag} and {@link #pinLink} return
 * false) and the caller counts it; nothing already in the store is ever dropped to make room.
 */
public final class FlagStore {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final FlagReason[] REASONS = FlagReason.values();
    private static final int STRIDE = 5;
    private static final int STATE = 0;
    private static final int KEY_HIGH = 1;
    private static final int KEY_LOW = 2;
    private static final int VALUE_A = 3;
    private static final int VALUE_B = 4;

    private static final long KIND_MASK = 0b11;
    private static final long EMPTY = 0;
    private static final long FLAG = 1;
    private static final long LINK = 2;
    private static final long TOMBSTONE = 3;
    /** Set in the state while the writer changes a slot. */
    private static final long BUSY = 1L << 2;
    private static final long VERSION_STEP = 1L << 3;
    /** A link chain longer than this is a cycle the writer refused to build; readers stop rather than spin. */
    private static final int MAX_LINK_HOPS = 4;

    private final int capacity;
    private final int alertAt;
    private volatile long[] slots;
    private int mask;
    private int live;
    private int tombstones;

    /** @param capacity entries (flags and pinned links) the store holds; its table has twice as many slots */
    public FlagStore(final int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("flag capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
        this.alertAt = (int)Math.min(capacity, Math.ceil(capacity * 0.8));
        allocate();
    }

    /**
     * The flag on a card, following pinned token links; {@link FlagReason#NOT_FLAGGED} when there is none. Safe from
     * any thread, lock-free and allocation-free.
     */
    public FlagReason reasonOf(final long high, final long low) {
        long keyHigh = high;
        long keyLow = low;
        for (int hop = 0; hop <= MAX_LINK_HOPS; hop++) {
            final long[] table = slots;
            final int tableMask = table.length / STRIDE - 1;
            int slot = home(keyHigh, keyLow, tableMask);
            boolean followed = false;
            while (true) {
                final int base = slot * STRIDE;
                final long before = (long)SLOTS.getAcquire(table, base + STATE);
                final long h = table[base + KEY_HIGH];
                final long l = table[base + KEY_LOW];
                final long a = table[base + VALUE_A];
                final long b = table[base + VALUE_B];
                VarHandle.acquireFence();
                final long after = (long)SLOTS.getAcquire(table, base + STATE);
                if (before != after || (before & BUSY) != 0) {
                    Thread.onSpinWait();
                    continue;
                }
                final long kind = before & KIND_MASK;
                if (kind == EMPTY) {
                    return FlagReason.NOT_FLAGGED;
                }
                if (kind != TOMBSTONE && h == keyHigh && l == keyLow) {
                    if (kind == FLAG) {
                        return REASONS[(int)a];
                    }
                    keyHigh = a;
                    keyLow = b;
                    followed = true;
                    break;
                }
                slot = (slot + 1) & tableMask;
            }
            if (!followed) {
                return FlagReason.NOT_FLAGGED;
            }
        }
        return FlagReason.NOT_FLAGGED;
    }

    /** When the card's flag was raised (epoch seconds), or -1 when it is not flagged itself. Writer thread. */
    public long flagTime(final long high, final long low) {
        final int slot = find(high, low);
        return slot >= 0 && kind(slot) == FLAG ? slots[slot * STRIDE + VALUE_B] : -1;
    }

    /**
     * Flags a card, keeping an earlier flag's reason and time. Writer thread only.
     *
     * @return false when the store is full and the card was not already in it
     */
    public boolean flag(final long high, final long low, final FlagReason reason, final long timeSeconds) {
        final int existing = find(high, low);
        if (existing >= 0 && kind(existing) == FLAG) {
            return true;
        }
        return put(existing, high, low, FLAG, reason.ordinal(), timeSeconds);
    }

    /**
     * Keeps the link from a token to a card in the store, so the token resolves to the card here whatever the token
     * store forgets. Writer thread only.
     *
     * @return false when the store is full
     */
    public boolean pinLink(final long tokenHigh, final long tokenLow, final long cardHigh, final long cardLow) {
        if (tokenHigh == cardHigh && tokenLow == cardLow) {
            return true;
        }
        final int existing = find(tokenHigh, tokenLow);
        if (existing >= 0 && kind(existing) == FLAG) {
            return true;
        }
        return put(existing, tokenHigh, tokenLow, LINK, cardHigh, cardLow);
    }

    /** Lifts a card's flag; true when it had one. Pinned links to it stay and lead nowhere flagged. Writer thread. */
    public boolean clear(final long high, final long low) {
        final int slot = find(high, low);
        if (slot < 0 || kind(slot) != FLAG) {
            return false;
        }
        final long[] table = slots;
        final int base = slot * STRIDE;
        final long version = table[base + STATE] & ~(KIND_MASK | BUSY);
        SLOTS.setRelease(table, base + STATE, version | BUSY | FLAG);
        SLOTS.setRelease(table, base + STATE, (version + VERSION_STEP) | TOMBSTONE);
        live--;
        tombstones++;
        return true;
    }

    /** Entries held, flags and pinned links. */
    public int size() {
        return live;
    }

    public int capacity() {
        return capacity;
    }

    /** Whether the store has reached 80% of its capacity, when operators should size it up. */
    public boolean nearlyFull() {
        return live >= alertAt;
    }

    /** Digest of the entries, independent of where tombstones left them. */
    public long digest(final long seed) {
        long sum = 0;
        final long[] table = slots;
        for (int base = 0; base < table.length; base += STRIDE) {
            final long kind = table[base + STATE] & KIND_MASK;
            if (kind == FLAG || kind == LINK) {
                long h = kind * 0x9E3779B97F4A7C15L;
                for (int field = KEY_HIGH; field <= VALUE_B; field++) {
                    h = (h ^ table[base + field]) * 0x100000001b3L;
                }
                sum += h ^ (h >>> 29);
            }
        }
        return seed * 31 + sum + live;
    }

    /** Writes every entry, for a snapshot. Writer thread. */
    public void writeTo(final OutputStream out) throws IOException {
        final DataOutputStream data = new DataOutputStream(out);
        data.writeInt(capacity);
        data.writeInt(live);
        final long[] table = slots;
        for (int base = 0; base < table.length; base += STRIDE) {
            final long kind = table[base + STATE] & KIND_MASK;
            if (kind == FLAG || kind == LINK) {
                data.writeByte((int)kind);
                for (int field = KEY_HIGH; field <= VALUE_B; field++) {
                    data.writeLong(table[base + field]);
                }
            }
        }
        data.flush();
    }

    /** Replaces every entry with a snapshot's. Writer thread. */
    public void readFrom(final InputStream in) throws IOException {
        final DataInputStream data = new DataInputStream(in);
        final int savedCapacity = data.readInt();
        final int entries = data.readInt();
        if (entries < 0 || entries > capacity) {
            throw new IOException("the snapshot holds " + entries + " flags and links (store capacity "
                + savedCapacity + "), more than this store's " + capacity);
        }
        clearAll();
        for (int i = 0; i < entries; i++) {
            final long kind = data.readByte();
            final long high = data.readLong();
            final long low = data.readLong();
            final long a = data.readLong();
            final long b = data.readLong();
            if (kind != FLAG && kind != LINK) {
                throw new IOException("flag store entry " + i + " has an unknown kind " + kind);
            }
            put(find(high, low), high, low, kind, a, b);
        }
    }

    /** Empties the store, as if just built. Writer thread. */
    public void clearAll() {
        allocate();
    }

    private boolean put(final int existing, final long high, final long low, final long kind, final long a,
        final long b) {
        int slot = existing;
        if (slot < 0) {
            if (live >= capacity) {
                return false;
            }
            if (live + tombstones >= slots.length / STRIDE / 2 + capacity / 2) {
                rebuild();
            }
            slot = freeSlot(high, low);
            live++;
        }
        final long[] table = slots;
        final int base = slot * STRIDE;
        final long state = table[base + STATE];
        if ((state & KIND_MASK) == TOMBSTONE) {
            tombstones--;
        }
        final long version = state & ~(KIND_MASK | BUSY);
        SLOTS.setRelease(table, base + STATE, version | BUSY | (state & KIND_MASK));
        table[base + KEY_HIGH] = high;
        table[base + KEY_LOW] = low;
        table[base + VALUE_A] = a;
        table[base + VALUE_B] = b;
        SLOTS.setRelease(table, base + STATE, (version + VERSION_STEP) | kind);
        return true;
    }

    /** The slot holding the key, or -1. Writer thread: reads without the version check. */
    private int find(final long high, final long low) {
        final long[] table = slots;
        int slot = home(high, low, mask);
        while (true) {
            final int base = slot * STRIDE;
            final long kind = table[base + STATE] & KIND_MASK;
            if (kind == EMPTY) {
                return -1;
            }
            if (kind != TOMBSTONE && table[base + KEY_HIGH] == high && table[base + KEY_LOW] == low) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The first tombstone or empty slot on the key's probe path; the key is known to be absent. */
    private int freeSlot(final long high, final long low) {
        final long[] table = slots;
        int slot = home(high, low, mask);
        while (true) {
            final long kind = table[slot * STRIDE + STATE] & KIND_MASK;
            if (kind == EMPTY || kind == TOMBSTONE) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    private long kind(final int slot) {
        return slots[slot * STRIDE + STATE] & KIND_MASK;
    }

    /** Copies the live entries into a fresh table and publishes it: readers see the old table or the new, whole. */
    private void rebuild() {
        final long[] old = slots;
        final long[] fresh = new long[old.length];
        final int freshMask = fresh.length / STRIDE - 1;
        for (int base = 0; base < old.length; base += STRIDE) {
            final long kind = old[base + STATE] & KIND_MASK;
            if (kind == FLAG || kind == LINK) {
                int slot = home(old[base + KEY_HIGH], old[base + KEY_LOW], freshMask);
                while ((fresh[slot * STRIDE + STATE] & KIND_MASK) != EMPTY) {
                    slot = (slot + 1) & freshMask;
                }
                System.arraycopy(old, base, fresh, slot * STRIDE, STRIDE);
                fresh[slot * STRIDE + STATE] = VERSION_STEP | kind;
            }
        }
        tombstones = 0;
        slots = fresh;
    }

    private void allocate() {
        final int slotCount = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) * 2;
        mask = slotCount - 1;
        live = 0;
        tombstones = 0;
        slots = new long[slotCount * STRIDE];
    }

    private static int home(final long high, final long low, final int tableMask) {
        long h = high * 0x9E3779B97F4A7C15L ^ low;
        h ^= h >>> 32;
        return (int)h & tableMask;
    }
}
