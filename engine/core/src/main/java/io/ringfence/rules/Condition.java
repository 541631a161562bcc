package io.ringfence.rules;

import org.agrona.collections.LongHashSet;

import java.util.Arrays;

/**
 * A compiled rule condition: a small tree of these nodes over {@link RuleInput}'s primitive slots. Numbers compare as
 * doubles, everything else as 64-bit keys; testing reads slots and constants only and allocates nothing.
 *
 * <p>A comparison of keys where the request lacks the value (key 0) is false, whichever the operator: a card-present
 * payment has no IP country, so {@code :ip_country: != :card_country:} must not match it.
 */
abstract sealed class Condition {
    abstract boolean test(RuleInput in);

    /** The comparison operators, as written. */
    enum Comparison {
        EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        final String symbol;

        Comparison(final String symbol) {
            this.symbol = symbol;
        }

        boolean holds(final double left, final double right) {
            return switch (this) {
                case EQ -> left == right;
                case NE -> left != right;
                case LT -> left < right;
                case LE -> left <= right;
                case GT -> left > right;
                case GE -> left >= right;
            };
        }

        /** The same comparison with its sides swapped: {@code 300 < :amount:} is {@code :amount: > 300}. */
        Comparison swapped() {
            return switch (this) {
                case EQ, NE -> this;
                case LT -> GT;
                case LE -> GE;
                case GT -> LT;
                case GE -> LE;
            };
        }
    }

    static final class NumberWithConstant extends Condition {
        private final int slot;
        private final Comparison comparison;
        private final double constant;

        NumberWithConstant(final int slot, final Comparison comparison, final double constant) {
            this.slot = slot;
            this.comparison = comparison;
            this.constant = constant;
        }

        @Override
        boolean test(final RuleInput in) {
            return comparison.holds(in.numbers[slot], constant);
        }
    }

    static final class NumberWithNumber extends Condition {
        private final int left;
        private final Comparison comparison;
        private final int right;

        NumberWithNumber(final int left, final Comparison comparison, final int right) {
            this.left = left;
            this.comparison = comparison;
            this.right = right;
        }

        @Override
        boolean test(final RuleInput in) {
            return comparison.holds(in.numbers[left], in.numbers[right]);
        }
    }

    /** A number attribute on its own: true when it is not 0 (the flag features). */
    static final class NonZero extends Condition {
        private final int slot;

        NonZero(final int slot) {
            this.slot = slot;
        }

        @Override
        boolean test(final RuleInput in) {
            return in.numbers[slot] != 0.0;
        }
    }

    static final class KeyWithConstant extends Condition {
        private final int slot;
        private final boolean equal;
        private final long constant;

        KeyWithConstant(final int slot, final boolean equal, final long constant) {
            this.slot = slot;
            this.equal = equal;
            this.constant = constant;
        }

        @Override
        boolean test(final RuleInput in) {
            final long key = in.keys[slot];
            return key != 0L && (key == constant) == equal;
        }
    }

    static final class KeyWithKey extends Condition {
        private final int left;
        private final boolean equal;
        private final int right;

        KeyWithKey(final int left, final boolean equal, final int right) {
            this.left = left;
            this.equal = equal;
            this.right = right;
        }

        @Override
        boolean test(final RuleInput in) {
            final long a = in.keys[left];
            final long b = in.keys[right];
            return a != 0L && b != 0L && (a == b) == equal;
        }
    }

    /** {@code :attr: in @list}: a lookup in the list's hash set, which list events change live. */
    static final class KeyInList extends Condition {
        private final int slot;
        private final LongHashSet items;

        KeyInList(final int slot, final LongHashSet items) {
            this.slot = slot;
            this.items = items;
        }

        @Override
        boolean test(final RuleInput in) {
            final long key = in.keys[slot];
            return key != 0L && items.contains(key);
        }
    }

    /** {@code :attr: in ('a', 'b')}: a binary search of the few keys written in the rule. */
    static final class KeyInValues extends Condition {
        private final int slot;
        private final long[] sortedKeys;

        KeyInValues(final int slot, final long[] keys) {
            this.slot = slot;
            this.sortedKeys = keys.clone();
            Arrays.sort(this.sortedKeys);
        }

        @Override
        boolean test(final RuleInput in) {
            final long key = in.keys[slot];
            return key != 0L && Arrays.binarySearch(sortedKeys, key) >= 0;
        }
    }

    static final class And extends Condition {
        private final Condition left;
        private final Condition right;

        And(final Condition left, final Condition right) {
            this.left = left;
            this.right = right;
        }

        @Override
        boolean test(final RuleInput in) {
            return left.test(in) && right.test(in);
        }
    }

    static final class Or extends Condition {
        private final Condition left;
        private final Condition right;

        Or(final Condition left, final Condition right) {
            this.left = left;
            this.right = right;
        }

        @Override
        boolean test(final RuleInput in) {
            return left.test(in) || right.test(in);
        }
    }

    static final class Not extends Condition {
        private final Condition operand;

        Not(final Condition operand) {
            this.operand = operand;
        }

        @Override
        boolean test(final RuleInput in) {
            return !operand.test(in);
        }
    }
}
