package io.ringfence.models.training;

import io.ringfence.models.data.ReplayRow;

/**
 * One authorization of a replay, as the engine saw it: the features it computed before updating its state (exactly as
 * live), the built-in policy's score, and the label from the file.
 *
 * @param id          the id column, or {@code line:N} when the file has none
 * @param card        the card fingerprint as 32 hex digits (the engine's keyed fingerprint; never the PAN)
 * @param timeMillis  the transaction time, epoch milliseconds
 * @param features    the feature vector, in {@link io.ringfence.features.FeatureSchema} order
 * @param label       the label column
 * @param policyScore the engine's score for the authorization (0..1000) with the built-in policy scorer, 1000 when
 *                    the card was already flagged
 */
public record FeatureRow(String id, String card, long timeMillis, double[] features, ReplayRow.Label label,
                         int policyScore) {
    public boolean fraud() {
        return label == ReplayRow.Label.FRAUD;
    }
}
