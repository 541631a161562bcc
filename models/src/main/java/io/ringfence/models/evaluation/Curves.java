package io.ringfence.models.evaluation;

import java.util.Arrays;
import java.util.List;

/**
 * The ROC and precision-recall curves of a set of scored transactions, as scikit-learn's {@code roc_curve} (without
 * dropping intermediate points) and {@code precision_recall_curve} trace them: the threshold walks down the distinct
 * scores, a score at or above it counting as flagged, so tied scores make one point and their order does not matter.
 * The trapezoidal area under {@link #roc} is {@link Metrics#aucRoc}; the area under {@link #precisionRecall} drawn as
 * steps (each precision held from the previous point's recall to its own) is {@link Metrics#averagePrecision}.
 */
public final class Curves {
    /** How many points a plotted curve keeps at the most (see {@link Curve#downsampled}). */
    public static final int PLOT_POINTS = 2000;

    private Curves() {
    }

    /**
     * The ROC curve: x the false-positive rate, y the true-positive rate (recall). It starts at (0, 0) with threshold
     * {@code +Infinity} (nothing flagged), then takes one point per distinct score from the highest down, the last
     * (every transaction flagged) at (1, 1).
     *
     * @throws IllegalArgumentException unless the transactions hold both a fraud and a genuine one
     */
    public static Curve roc(final List<ScoredTransaction> transactions) {
        final Tally tally = Tally.of(transactions);
        if (tally.frauds == 0 || tally.genuine == 0) {
            throw new IllegalArgumentException("the ROC curve is undefined: the transactions hold " + tally.frauds
                + " frauds and " + tally.genuine + " genuine ones; both classes are needed");
        }
        final int size = tally.thresholds.length + 1;
        final double[] falsePositiveRates = new double[size];
        final double[] truePositiveRates = new double[size];
        final double[] thresholds = new double[size];
        thresholds[0] = Double.POSITIVE_INFINITY;
        for (int i = 0; i < tally.thresholds.length; i++) {
            falsePositiveRates[i + 1] = (double) tally.falsePositives[i] / tally.genuine;
            truePositiveRates[i + 1] = (double) tally.truePositives[i] / tally.frauds;
            thresholds[i + 1] = tally.thresholds[i];
        }
        return new Curve(falsePositiveRates, truePositiveRates, thresholds);
    }

    /**
     * The precision-recall curve: x the recall, y the precision, one point per distinct score from the highest down
     * (recall never decreasing). Unlike scikit-learn, no (recall 0, precision 1) point is added: a plot that needs a
     * start draws the first precision from recall 0.
     *
     * @throws IllegalArgumentException if the transactions hold no fraud (recall is undefined)
     */
    public static Curve precisionRecall(final List<ScoredTransaction> transactions) {
        final Tally tally = Tally.of(transactions);
        if (tally.frauds == 0) {
            throw new IllegalArgumentException("the precision-recall curve is undefined: the " + transactions.size()
                + " transactions hold no fraud");
        }
        final int size = tally.thresholds.length;
        final double[] recalls = new double[size];
        final double[] precisions = new double[size];
        for (int i = 0; i < size; i++) {
            final long truePositives = tally.truePositives[i];
            recalls[i] = (double) truePositives / tally.frauds;
            precisions[i] = (double) truePositives / (truePositives + tally.falsePositives[i]);
        }
        return new Curve(recalls, precisions, tally.thresholds.clone());
    }

    /**
     * The counts flagged at each distinct score, from the highest down. The two classes' scores are sorted apart as
     * primitives and merged, which keeps a million-transaction test set cheap.
     */
    private record Tally(double[] thresholds, long[] truePositives, long[] falsePositives, long frauds,
                         long genuine) {
        static Tally of(final List<ScoredTransaction> transactions) {
            if (transactions.isEmpty()) {
                throw new IllegalArgumentException("no transactions to trace a curve from");
            }
            final double[] fraudScores = scores(transactions, true);
            final double[] genuineScores = scores(transactions, false);
            final double[] thresholds = new double[transactions.size()];
            final long[] truePositives = new long[transactions.size()];
            final long[] falsePositives = new long[transactions.size()];
            int f = fraudScores.length - 1;
            int g = genuineScores.length - 1;
            int points = 0;
            while (f >= 0 || g >= 0) {
                final double threshold = f < 0 ? genuineScores[g]
                    : g < 0 ? fraudScores[f] : Math.max(fraudScores[f], genuineScores[g]);
                while (f >= 0 && fraudScores[f] == threshold) {
                    f--;
                }
                while (g >= 0 && genuineScores[g] == threshold) {
                    g--;
                }
                thresholds[points] = threshold;
                truePositives[points] = fraudScores.length - 1 - f;
                falsePositives[points] = genuineScores.length - 1 - g;
                points++;
            }
            return new Tally(Arrays.copyOf(thresholds, points), Arrays.copyOf(truePositives, points),
                Arrays.copyOf(falsePositives, points), fraudScores.length, genuineScores.length);
        }

        /** The scores of one class, ascending. */
        private static double[] scores(final List<ScoredTransaction> transactions, final boolean fraud) {
            final double[] scores = new double[transactions.size()];
            int count = 0;
            for (final ScoredTransaction transaction : transactions) {
                if (transaction.fraud() == fraud) {
                    scores[count++] = transaction.score();
                }
            }
            final double[] classScores = Arrays.copyOf(scores, count);
            Arrays.sort(classScores);
            return classScores;
        }
    }
}
