package io.ringfence.models.report;

import java.util.Objects;

/**
 * How much one feature moves the model's score: the mean, over the transactions the caller measured it on, of the
 * absolute contribution of the feature to the score, in score points.
 *
 * @param feature                  the feature's name in the feature schema
 * @param meanAbsoluteContribution the mean absolute contribution, score points, not negative
 */
public record FeatureImportance(String feature, double meanAbsoluteContribution) {
    /**
     * @throws IllegalArgumentException if the name is blank or the contribution is negative or not finite
     */
    public FeatureImportance {
        Objects.requireNonNull(feature, "feature");
        if (feature.isBlank()) {
            throw new IllegalArgumentException("a feature importance needs the feature's name");
        }
        if (!(meanAbsoluteContribution >= 0.0) || Double.isInfinite(meanAbsoluteContribution)) {
            throw new IllegalArgumentException("feature " + feature + ": mean absolute contribution "
                + meanAbsoluteContribution + " must be a finite number, not negative");
        }
    }
}
