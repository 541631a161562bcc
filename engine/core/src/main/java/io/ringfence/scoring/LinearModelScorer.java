package io.ringfence.scoring;

import io.ringfence.features.FeatureSchema;
import io.ringfence.features.FeatureVector;

import java.util.Objects;

/**
 * Serving form of a logistic-regression model: one weight per feature, a bias, and optionally the per-feature mean
 * and scale the model was trained on.
 *
 * <pre>
 *   z_i = (x_i - mean_i) / scale_i          (mean 0, scale 1 without standardisation)
 *   m   = bias + sum_i w_i z_i              log-odds
 *   p   = sigmoid(m);  score = round(1000 p)
 * </pre>
 *
 * <p><b>Attribution.</b> Feature i's log-odds contribution is {@code w_i z_i}: its push away from the baseline
 * {@code m0 = bias} (every feature at its training mean). The contributions are reported in score points by one
 * common positive factor, the slope of {@code 1000 sigmoid} between {@code m0} and {@code m}, so that
 * <pre>
 *   sum_i contribution_i = 1000 sigmoid(m) - 1000 sigmoid(bias)     (exactly, before rounding)
 * </pre>
 * and {@code |score - round(1000 sigmoid(bias)) - sum_i contribution_i| <= 1}. Signs and ratios between features
 * are those of {@code w_i z_i}.
 *
 * <p>Scoring allocates nothing, boxes nothing and is deterministic ({@link StrictMath}).
 */
public final class LinearModelScorer implements Scorer {
    private final String version;
    private final String featureSchemaId;
    private final double bias;
    private final double[] weights;
    /** Null without standardisation. */
    private final double[] means;
    private final double[] scales;

    /**
     * @param version         the model version every decision it scores will name
     * @param featureSchemaId the feature schema the model was trained on
     * @param bias            intercept, in log-odds
     * @param weights         one per feature, in schema order, on the standardised feature
     * @param means           per-feature training mean, or null for no standardisation (then scales is null too)
     * @param scales          per-feature scale (standard deviation), nonzero, or null
     */
    public LinearModelScorer(final String version, final String featureSchemaId, final double bias,
        final double[] weights, final double[] means, final double[] scales) {
        this.version = Objects.requireNonNull(version, "version");
        this.featureSchemaId = Objects.requireNonNull(featureSchemaId, "featureSchemaId");
        if (weights.length != FeatureSchema.SIZE) {
            throw new IllegalArgumentException("linear model " + version + " has " + weights.length
                + " weights but the feature schema has " + FeatureSchema.SIZE + " features");
        }
        if ((means == null) != (scales == null)) {
            throw new IllegalArgumentException("linear model " + version + ": give both means and scales, or neither");
        }
        if (!Double.isFinite(bias)) {
            throw new IllegalArgumentException("linear model " + version + ": bias is not finite");
        }
        this.bias = bias;
        this.weights = weights.clone();
        checkFinite(this.weights, "weight");
        if (means == null) {
            this.means = null;
            this.scales = null;
        } else {
            if (means.length != weights.length || scales.length != weights.length) {
                throw new IllegalArgumentException("linear model " + version + ": means and scales need "
                    + weights.length + " values each");
            }
            this.means = means.clone();
            this.scales = scales.clone();
            checkFinite(this.means, "mean");
            checkFinite(this.scales, "scale");
            for (int i = 0; i < scales.length; i++) {
                if (scales[i] == 0.0) {
                    throw new IllegalArgumentException("linear model " + version + ": scale of feature "
                        + FeatureSchema.feature(i) + " is 0");
                }
            }
        }
    }

    private void checkFinite(final double[] values, final String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("linear model " + version + ": " + what + " of feature "
                    + FeatureSchema.feature(i) + " is not finite");
            }
        }
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public String featureSchemaId() {
        return featureSchemaId;
    }

    @Override
    public int score(final FeatureVector features, final double[] contributions) {
        double logOdds = bias;
        for (int i = 0; i < weights.length; i++) {
            final double term = weights[i] * standardised(features.get(i), i);
            contributions[i] = term;
            logOdds += term;
        }
        final double points = ScorePoints.pointsPerLogOdd(logOdds, bias);
        for (int i = 0; i < weights.length; i++) {
            contributions[i] *= points;
        }
        return ScorePoints.score(ScorePoints.sigmoid(logOdds));
    }

    /** The model's probability of fraud for {@code features}, 0..1 (for parity tests and tools). */
    public double probability(final FeatureVector features) {
        double logOdds = bias;
        for (int i = 0; i < weights.length; i++) {
            logOdds += weights[i] * standardised(features.get(i), i);
        }
        return ScorePoints.sigmoid(logOdds);
    }

    private double standardised(final double x, final int i) {
        return means == null ? x : (x - means[i]) / scales[i];
    }

    double bias() {
        return bias;
    }

    double[] weights() {
        return weights;
    }

    /** Null without standardisation. */
    double[] means() {
        return means;
    }

    /** Null without standardisation. */
    double[] scales() {
        return scales;
    }

    @Override
    public String toString() {
        return "LinearModelScorer{" + version + ", standardised=" + (means != null) + '}';
    }
}
