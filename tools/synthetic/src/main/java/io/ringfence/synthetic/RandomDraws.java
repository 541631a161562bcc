package io.ringfence.synthetic;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * The generator's only source of randomness: a {@link SplittableRandom} from the seed, and the few
 * distributions the generator draws from. Every draw goes through {@link StrictMath}, so a seed gives the same
 * traffic on every JVM and platform.
 */
final class RandomDraws {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final SplittableRandom random;

    RandomDraws(final long seed) {
        this(new SplittableRandom(seed));
    }

    private RandomDraws(final SplittableRandom random) {
        this.random = random;
    }

    /** An independent stream: what it draws does not depend on what this one draws afterwards. */
    RandomDraws split() {
        return new RandomDraws(random.split());
    }

    /** Uniform in [0, 1). */
    double unit() {
        return random.nextDouble();
    }

    /** Uniform in [from, to). */
    double between(final double from, final double to) {
        return from + (to - from) * random.nextDouble();
    }

    /** Uniform in [from, to). */
    long between(final long from, final long to) {
        return random.nextLong(from, to);
    }

    /** Uniform in [0, bound). */
    int below(final int bound) {
        return random.nextInt(bound);
    }

    boolean chance(final double probability) {
        return random.nextDouble() < probability;
    }

    /** Standard normal, by Box-Muller. */
    double gaussian() {
        final double u = 1.0 - random.nextDouble();
        final double v = random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2.0 * StrictMath.PI * v);
    }

    /** Log-normal with the given median and shape. */
    double logNormal(final double median, final double sigma) {
        return median * StrictMath.exp(sigma * gaussian());
    }

    /** Poisson-distributed count (Knuth's method; means here stay well under 100). */
    int poisson(final double mean) {
        final double limit = StrictMath.exp(-mean);
        int count = 0;
        double product = random.nextDouble();
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }

    <T> T pick(final List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    <T> T pickWeighted(final List<T> items, final ToDoubleFunction<T> weight) {
        double total = 0;
        for (final T item : items) {
            total += weight.applyAsDouble(item);
        }
        double target = random.nextDouble() * total;
        for (final T item : items) {
            target -= weight.applyAsDouble(item);
            if (target < 0) {
                return item;
            }
        }
        return items.get(items.size() - 1);
    }

    /** {@code count} decimal digits. */
    String digits(final int count) {
        final char[] out = new char[count];
        for (int i = 0; i < count; i++) {
            out[i] = (char)('0' + random.nextInt(10));
        }
        return new String(out);
    }

    /** {@code count} lower-case hex digits. */
    String hex(final int count) {
        final char[] out = new char[count];
        for (int i = 0; i < count; i++) {
            out[i] = HEX[random.nextInt(16)];
        }
        return new String(out);
    }

    /** A public-looking IPv4 address. */
    String ipAddress() {
        return (11 + random.nextInt(212)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
            + (1 + random.nextInt(254));
    }
}
