package io.ringfence.models.training;

import io.ringfence.features.FeatureSchema;
import io.ringfence.scoring.TreeEnsembleScorer;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the nodes of a converted tree ensemble into {@link TreeEnsembleScorer}'s parallel arrays. A converter adds
 * each tree depth first, a split before its children, so every child's index is greater than its parent's as the
 * scorer requires.
 */
final class FlatTrees {
    private final List<Integer> splitFeature = new ArrayList<>();
    private final List<Double> threshold = new ArrayList<>();
    private final List<Integer> left = new ArrayList<>();
    private final List<Integer> right = new ArrayList<>();
    private final List<Double> nodeValue = new ArrayList<>();
    private final List<Double> cover = new ArrayList<>();
    private final List<Integer> roots = new ArrayList<>();

    /** Adds a leaf; {@code cover} is the training weight reaching it (for attribution), or 1 when unknown. */
    int leaf(final double value, final double cover) {
        return add(TreeEnsembleScorer.LEAF, 0.0, value, cover);
    }

    /**
     * Adds a split on a feature ordinal for {@link TreeEnsembleScorer#SPLIT_RULE}; its children follow, then
     * {@link #children}.
     */
    int split(final int feature, final double threshold, final double cover) {
        if (feature < 0 || feature >= FeatureSchema.SIZE) {
            throw new IllegalArgumentException("split on feature " + feature + ", outside the feature schema");
        }
        return add(feature, threshold, 0.0, cover);
    }

    void children(final int split, final int leftChild, final int rightChild) {
        left.set(split, leftChild);
        right.set(split, rightChild);
    }

    void root(final int node) {
        roots.add(node);
    }

    private int add(final int feature, final double splitThreshold, final double value, final double weight) {
        splitFeature.add(feature);
        threshold.add(splitThreshold);
        left.add(0);
        right.add(0);
        nodeValue.add(value);
        cover.add(weight);
        return splitFeature.size() - 1;
    }

    /** The scorer, split nodes given the cover-weighted mean of their leaves below (Saabas attribution). */
    TreeEnsembleScorer build(final String version, final TreeEnsembleScorer.Aggregation aggregation,
                             final double baseScore) {
        final int[] features = ints(splitFeature);
        final int[] lefts = ints(left);
        final int[] rights = ints(right);
        final double[] values = doubles(nodeValue);
        TreeEnsembleScorer.fillExpectedValues(features, lefts, rights, doubles(cover), values);
        return new TreeEnsembleScorer(version, FeatureSchema.ID, aggregation, baseScore, features, doubles(threshold),
            lefts, rights, values, ints(roots));
    }

    private static int[] ints(final List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double[] doubles(final List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
