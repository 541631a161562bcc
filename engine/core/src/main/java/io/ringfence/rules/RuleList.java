package io.ringfence.rules;

import org.agrona.collections.LongHashSet;

import java.util.Arrays;

/**
 * A named list ({@code @name}) as the rules hold it: the keys of its items, of the {@link ValueKind} of the
 * attributes the rules test against it. Changed only on the business-logic thread (the file, then list events).
 */
public final class RuleList {
    private final String name;
    private final ValueKind kind;
    private final LongHashSet keys;

    RuleList(final String name, final ValueKind kind, final LongHashSet keys) {
        this.name = name;
        this.kind = kind;
        this.keys = keys;
    }

    /** The name without the {@code @}. */
    public String name() {
        return name;
    }

    /** What its items are; null for a list no rule tests, whose items are not kept. */
    public ValueKind kind() {
        return kind;
    }

    public int size() {
        return keys.size();
    }

    /** @return whether the key was not in the list already */
    public boolean add(final long key) {
        return kind != null && keys.add(key);
    }

    /** @return whether the key was in the list */
    public boolean remove(final long key) {
        return keys.remove(key);
    }

    public boolean contains(final long key) {
        return keys.contains(key);
    }

    /** The keys, sorted, so equal lists write equal snapshots. */
    public long[] sortedKeys() {
        final long[] sorted = new long[keys.size()];
        int i = 0;
        final LongHashSet.LongIterator it = keys.iterator();
        while (it.hasNext()) {
            sorted[i++] = it.nextValue();
        }
        Arrays.sort(sorted);
        return sorted;
    }

    /** Replaces the items, as a snapshot restores them. */
    public void replaceWith(final long[] items) {
        keys.clear();
        if (kind != null) {
            for (final long key : items) {
                keys.add(key);
            }
        }
    }
}
