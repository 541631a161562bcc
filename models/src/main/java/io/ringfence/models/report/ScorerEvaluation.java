package io.ringfence.models.report;

import io.ringfence.models.evaluation.ScoredTransaction;
import io.ringfence.models.evaluation.ThresholdMetrics;

import java.util.List;
import java.util.Objects;

/**
 * One scorer's side of the report: its metrics on the test set and the scored test transactions its curves are drawn
 * from. The report reads only each transaction's score and label; card references never reach it.
 *
 * @param aucRoc             AUC ROC
 * @param averagePrecision   average precision
 * @param cardPrecisionAt100 card precision@100, mean over test days
 * @param atThreshold        the confusion matrix at the decline threshold
 * @param test               the test set, scored (after the daily removal of known-fraud cards)
 */
public record ScorerEvaluation(double aucRoc, double averagePrecision, double cardPrecisionAt100,
                               ThresholdMetrics atThreshold, List<ScoredTransaction> test) {
    /**
     * @throws IllegalArgumentException if a metric is not in [0, 1], or the test set does not hold both a fraud and a
     *                                  genuine transaction (no curve can be drawn)
     */
    public ScorerEvaluation {
        Objects.requireNonNull(atThreshold, "atThreshold");
        requireShare("AUC ROC", aucRoc);
        requireShare("average precision", averagePrecision);
        requireShare("card precision@100", cardPrecisionAt100);
        test = List.copyOf(test);
        final long frauds = test.stream().filter(ScoredTransaction::fraud).count();
        if (frauds == 0 || frauds == test.size()) {
            throw new IllegalArgumentException("the report needs both classes in the test set: it holds " + frauds
                + " frauds and " + (test.size() - frauds) + " genuine transactions");
        }
    }

    /** How many test transactions are frauds. */
    public long frauds() {
        return test.stream().filter(ScoredTransaction::fraud).count();
    }

    private static void requireShare(final String name, final double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], not " + value);
        }
    }
}
