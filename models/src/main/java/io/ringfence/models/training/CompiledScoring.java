package io.ringfence.models.training;

import io.ringfence.features.FeatureSchema;
import io.ringfence.features.FeatureVector;
import io.ringfence.models.report.FeatureImportance;
import io.ringfence.scoring.LinearModelScorer;
import io.ringfence.scoring.Scorer;
import io.ringfence.scoring.TreeEnsembleScorer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores feature rows offline with a compiled model (a {@code serving.model}), as the engine scores them live: the
 * fraud probability for ranking metrics (finer than the engine's 0..1000 score) and, from the scorer's per-feature
 * contributions, how much each feature moved the scores.
 */
public final class CompiledScoring {
    private CompiledScoring() {
    }

    /**
     * Scores of a set of rows.
     *
     * @param probabilities the fraud probability of each row, in row order
     * @param importance    each feature's mean absolute contribution over the rows, in feature schema order
     */
    public record Scores(double[] probabilities, List<FeatureImportance> importance) {
    }

    /**
     * Scores each feature vector (in {@link FeatureSchema} order) with {@code scorer}.
     *
     * @throws IllegalArgumentException when the scorer is not a compiled model
     */
    public static Scores score(final Scorer scorer, final List<double[]> features) {
        final FeatureVector vector = new FeatureVector();
        final double[] contributions = new double[FeatureSchema.SIZE];
        final double[] absoluteSums = new double[FeatureSchema.SIZE];
        final double[] probabilities = new double[features.size()];
        for (int row = 0; row < features.size(); row++) {
            fill(vector, features.get(row));
            probabilities[row] = probability(scorer, vector);
            Arrays.fill(contributions, 0.0);
            scorer.score(vector, contributions);
            for (int i = 0; i < contributions.length; i++) {
                absoluteSums[i] += Math.abs(contributions[i]);
            }
        }
        final List<FeatureImportance> importance = new ArrayList<>(FeatureSchema.SIZE);
        for (int i = 0; i < FeatureSchema.SIZE; i++) {
            importance.add(new FeatureImportance(FeatureSchema.names().get(i),
                features.isEmpty() ? 0.0 : absoluteSums[i] / features.size()));
        }
        return new Scores(probabilities, List.copyOf(importance));
    }

    /**
     * The compiled model's fraud probability for one feature vector.
     *
     * @throws IllegalArgumentException when the scorer is not a compiled model
     */
    public static double probability(final Scorer scorer, final FeatureVector features) {
        if (scorer instanceof LinearModelScorer linear) {
            return linear.probability(features);
        }
        if (scorer instanceof TreeEnsembleScorer trees) {
            return trees.probability(features);
        }
        throw new IllegalArgumentException("scorer " + scorer.version() + " is not a compiled model");
    }

    /** Copies {@code values} (schema order) into {@code vector}. */
    public static void fill(final FeatureVector vector, final double[] values) {
        if (values.length != FeatureSchema.SIZE) {
            throw new IllegalArgumentException(values.length + " feature values; the schema has " + FeatureSchema.SIZE);
        }
        for (int i = 0; i < values.length; i++) {
            vector.set(FeatureSchema.feature(i), values[i]);
        }
    }
}
