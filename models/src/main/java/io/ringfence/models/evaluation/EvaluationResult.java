package io.ringfence.models.evaluation;


import java.util.List;
import java.util.Locale;

/**
 * One scorer's metrics on a handbook test set.
 *
 * @param aucRoc             AUC ROC
 * @param averagePrecision   average precision
 * @param cardPrecisionAt100 card precision@100, mean over test days
 * @param atThreshold        the confusion matrix at the decline threshold
 */
public record EvaluationResult(double aucRoc, double averagePrecision, double cardPrecisionAt100,
                               ThresholdMetrics atThreshold) {
    /** The engine's decline threshold (800 of 1000) as a probability. */
    public static final double DECLINE_THRESHOLD = 0.8;

    /**
     * @throws IllegalArgumentException when the test set does not hold both fraud and genuine transactions
     */
    public static EvaluationResult of(final HandbookSplit split) {
        final List<ScoredTransaction> test = split.test();
        return new EvaluationResult(Metrics.aucRoc(test), Metrics.averagePrecision(test),
            CardPrecisionAtK.compute(test, CardPrecisionAtK.DEFAULT_K).mean(),
            Metrics.atThreshold(test, DECLINE_THRESHOLD));
    }

    /** The metrics as JSON members (no braces). */
    public String jsonMembers() {
        return String.format(Locale.ROOT, "\"auc_roc\":%.6f,\"average_precision\":%.6f,\"card_precision_at_100\":%.6f,"
                + "\"threshold\":%.3f,\"precision_at_threshold\":%.6f,\"recall_at_threshold\":%.6f,"
                + "\"false_positive_rate_at_threshold\":%.6f", aucRoc, averagePrecision, cardPrecisionAt100,
            DECLINE_THRESHOLD, atThreshold.precision(), atThreshold.recall(), atThreshold.falsePositiveRate());
    }

    public String text() {
        return String.format(Locale.ROOT, "AUC ROC %.4f  average precision %.4f  card precision@100 %.4f  at %.2f:"
                + " precision %.4f recall %.4f FPR %.5f", aucRoc, averagePrecision, cardPrecisionAt100,
            DECLINE_THRESHOLD, atThreshold.precision(), atThreshold.recall(), atThreshold.falsePositiveRate());
    }
}
