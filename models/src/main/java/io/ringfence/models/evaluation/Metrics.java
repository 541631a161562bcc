package io.ringfence.models.evaluation;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The transaction-level metrics of the evaluation protocol: AUC ROC and average precision (as scikit-learn's
 * {@code roc_auc_score} and {@code average_precision_score} compute them, which is what the handbook uses), and
 * the confusion matrix at a threshold. The results do not depend on the order of the input.
 */
public final class Metrics {
    private static final Comparator<ScoredTransaction> BY_SCORE = Comparator.comparingDouble(ScoredTransaction::score);

    private Metrics() {
    }

    /**
     * The area under the ROC curve, computed exactly as the Mann–Whitney statistic: the share of (fraud, genuine)
     * pairs in which the fraud scores higher, a tie counting one half (equivalently, ranks with ties given their
     * average rank). Equal to the trapezoidal area under the ROC curve with tied scores as one threshold.
     *
     * @throws IllegalArgumentException if the transactions do not hold both a fraud and a genuine one (the AUC is
     *                                  undefined; scikit-learn raises too)
     */
    public static double aucRoc(final List<ScoredTransaction> transactions) {
        final ScoredTransaction[] sorted = sorted(transactions, BY_SCORE);
        long frauds = 0;
        long genuine = 0;
        // Twice the Mann-Whitney U, kept in integers so that the count is exact.
        long twiceU = 0;
        int start = 0;
        while (start < sorted.length) {
            final int end = tieGroupEnd(sorted, start);
            long groupFrauds = 0;
            for (int i = start; i < end; i++) {
                if (sorted[i].fraud()) {
                    groupFrauds++;
                }
            }
            final long groupGenuine = (end - start) - groupFrauds;
            // Each fraud in the group beats every genuine transaction scored lower, and ties with the group's own.
            twiceU += 2 * groupFrauds * genuine + groupFrauds * groupGenuine;
            frauds += groupFrauds;
            genuine += groupGenuine;
            start = end;
        }
        if (frauds == 0 || genuine == 0) {
            throw new IllegalArgumentException("AUC ROC is undefined: the transactions hold " + frauds + " frauds and "
                + genuine + " genuine ones; both classes are needed");
        }
        return (twiceU / 2.0) / ((double) frauds * genuine);
    }

    /**
     * Average precision as scikit-learn defines it: {@code AP = sum over thresholds of (R_n - R_(n-1)) * P_n}, the
     * thresholds being the distinct scores taken from the highest down (tied scores form one threshold, so their
     * order does not matter), {@code R_0 = 0}. No interpolation.
     *
     * @return the average precision; {@code 1.0} if every transaction is a fraud
     * @throws IllegalArgumentException if there is no fraud (recall is undefined)
     */
    public static double averagePrecision(final List<ScoredTransaction> transactions) {
        final ScoredTransaction[] sorted = sorted(transactions, BY_SCORE.reversed());
        long frauds = 0;
        for (final ScoredTransaction transaction : sorted) {
            if (transaction.fraud()) {
                frauds++;
            }
        }
        if (frauds == 0) {
            throw new IllegalArgumentException("average precision is undefined: the " + sorted.length
                + " transactions hold no fraud");
        }
        double sum = 0.0;
        double previousRecall = 0.0;
        long truePositives = 0;
        int start = 0;
        while (start < sorted.length) {
            final int end = tieGroupEnd(sorted, start);
            for (int i = start; i < end; i++) {
                if (sorted[i].fraud()) {
                    truePositives++;
                }
            }
            final double recall = (double) truePositives / frauds;
            final double precision = (double) truePositives / end;
            sum += (recall - previousRecall) * precision;
            previousRecall = recall;
            start = end;
        }
        return sum;
    }

    /**
     * The confusion matrix at a threshold: a transaction scored at or above it counts as flagged.
     *
     * @throws IllegalArgumentException if the list is empty
     */
    public static ThresholdMetrics atThreshold(final List<ScoredTransaction> transactions, final double threshold) {
        if (transactions.isEmpty()) {
            throw new IllegalArgumentException("no transactions to evaluate");
        }
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (final ScoredTransaction transaction : transactions) {
            final boolean flagged = transaction.score() >= threshold;
            if (transaction.fraud()) {
                if (flagged) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (flagged) {
                fp++;
            } else {
                tn++;
            }
        }
        return new ThresholdMetrics(threshold, tp, fp, tn, fn);
    }

    private static ScoredTransaction[] sorted(final List<ScoredTransaction> transactions,
                                              final Comparator<ScoredTransaction> order) {
        if (transactions.isEmpty()) {
            throw new IllegalArgumentException("no transactions to evaluate");
        }
        final ScoredTransaction[] sorted = transactions.toArray(new ScoredTransaction[0]);
        Arrays.sort(sorted, order);
        return sorted;
    }

    /** The end (exclusive) of the run of equal scores that starts at {@code start}. */
    private static int tieGroupEnd(final ScoredTransaction[] sorted, final int start) {
        int end = start + 1;
        while (end < sorted.length && sorted[end].score() == sorted[start].score()) {
            end++;
        }
        return end;
    }
}
