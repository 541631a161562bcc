package io.ringfence.models.report;

import io.ringfence.models.evaluation.ScoredTransaction;

import java.util.List;

/**
 * Scores counted in equal-width bins over [0, 1], each class apart: bin {@code i} of {@code n} holds the scores from
 * {@code i / n} up to but excluding {@code (i + 1) / n}, the last bin also holding 1.0.
 */
final class ScoreHistogram {
    private final long[] genuine;
    private final long[] fraud;

    private ScoreHistogram(final long[] genuine, final long[] fraud) {
        this.genuine = genuine;
        this.fraud = fraud;
    }

    static ScoreHistogram of(final List<ScoredTransaction> transactions, final int bins) {
        if (bins <= 0) {
            throw new IllegalArgumentException("a histogram needs at least one bin, not " + bins);
        }
        final long[] genuine = new long[bins];
        final long[] fraud = new long[bins];
        for (final ScoredTransaction transaction : transactions) {
            final int bin = Math.min(bins - 1, (int) (transaction.score() * bins));
            if (transaction.fraud()) {
                fraud[bin]++;
            } else {
                genuine[bin]++;
            }
        }
        return new ScoreHistogram(genuine, fraud);
    }

    int bins() {
        return genuine.length;
    }

    /** The bin edges, {@code bins() + 1} of them from 0 to 1. */
    double[] edges() {
        final double[] edges = new double[genuine.length + 1];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = (double) i / genuine.length;
        }
        return edges;
    }

    /** Each bin's share of the genuine transactions (all 0 when there are none). */
    double[] genuineShares() {
        return shares(genuine);
    }

    /** Each bin's share of the frauds (all 0 when there are none). */
    double[] fraudShares() {
        return shares(fraud);
    }

    private static double[] shares(final long[] counts) {
        long total = 0;
        for (final long count : counts) {
            total += count;
        }
        final double[] shares = new double[counts.length];
        for (int i = 0; i < counts.length && total > 0; i++) {
            shares[i] = (double) counts[i] / total;
        }
        return shares;
    }
}
