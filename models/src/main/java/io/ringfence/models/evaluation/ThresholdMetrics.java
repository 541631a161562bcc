package io.ringfence.models.evaluation;

/**
 * The confusion matrix at one score threshold (a score at or above the threshold counts as flagged) and the
 * rates drawn from it.
 *
 * <p>Undefined rates follow the handbook's {@code threshold_based_metrics}: precision is {@code 1.0} when nothing
 * is flagged ({@code TP + FP = 0}); recall is NaN when there is no fraud, the false-positive rate NaN when there is
 * no genuine transaction. The counts are here so that a caller can tell those cases apart.
 *
 * @param threshold      the threshold
 * @param truePositives  frauds flagged
 * @param falsePositives genuine transactions flagged
 * @param trueNegatives  genuine transactions not flagged
 * @param falseNegatives frauds not flagged
 */
public record ThresholdMetrics(double threshold, long truePositives, long falsePositives, long trueNegatives,
                               long falseNegatives) {

    /** {@code TP / (TP + FP)}; {@code 1.0} when nothing is flagged (the handbook's convention). */
    public double precision() {
        final long flagged = truePositives + falsePositives;
        return flagged == 0 ? 1.0 : (double) truePositives / flagged;
    }

    /** {@code TP / (TP + FN)}, the true-positive rate; NaN when there is no fraud. */
    public double recall() {
        final long frauds = truePositives + falseNegatives;
        return frauds == 0 ? Double.NaN : (double) truePositives / frauds;
    }

    /** {@code FP / (FP + TN)}; NaN when there is no genuine transaction. */
    public double falsePositiveRate() {
        final long genuine = falsePositives + trueNegatives;
        return genuine == 0 ? Double.NaN : (double) falsePositives / genuine;
    }
}
