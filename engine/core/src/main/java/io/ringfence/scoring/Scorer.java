package io.ringfence.scoring;

import io.ringfence.features.FeatureVector;

/**
 * The scoring seam: turns a feature vector into a risk score with per-feature contributions. The built-in
 * policy implements it; trained models are compiled to it.
 *
 * <p>Called on the business-logic thread for every authorization: an implementation must not allocate, lock,
 * block, read the clock or do I/O, and must be deterministic.
 */
public interface Scorer {
    /** Identifies the policy or model; carried by every decision it scores. */
    String version();

    /** The {@link io.ringfence.features.FeatureSchema#ID} the scorer reads. */
    String featureSchemaId();

    /**
     * Scores one authorization.
     *
     * @param features      the features, in schema order
     * @param contributions receives each feature's contribution to the score (score points, may be negative);
     *                      length {@link io.ringfence.features.FeatureSchema#SIZE}, zeroed by the caller
     * @return the risk score, 0 to 1000
     */
    int score(FeatureVector features, double[] contributions);
}
