package io.ringfence.scoring;

import io.ringfence.features.FeatureSchema;
import io.ringfence.features.FeatureVector;

import java.util.Objects;

/**
 * Serving form of a tree ensemble (random forest or gradient boosting), every tree flattened into parallel arrays
 * indexed by node:
 *
 * <pre>
 *   splitFeature[n]  feature ordinal the node splits on, or {@link #LEAF} (-1) for a leaf
 *   threshold[n]     split threshold (unused at leaves)
 *   left[n], right[n] child node indices (unused at leaves); each child's index is greater than its parent's
 *   nodeValue[n]     at a leaf: the leaf value; at a split: the expected leaf value below it (training cover
 *                    weighted mean of its children), which Saabas attribution needs
 *   treeRoots[t]     root node of tree t
 * </pre>
 *
 * <p><b>Split rule</b> ({@link #SPLIT_RULE}): {@code x[splitFeature] <= threshold} goes left, anything else (greater,
 * or NaN) goes right. Converters must emit thresholds for this rule, in the source model's own arithmetic: a model
 * comparing doubles on {@code x < t} converts to {@code Math.nextDown(t)}; one that rounds the feature to float first
 * (XGBoost: {@code (float) x < t}) converts to the largest double whose float rounding is below {@code t}.
 *
 * <p><b>Aggregation</b>: {@link Aggregation#AVERAGE_PROBABILITY} (random forest: leaf values are class-1
 * probabilities, p = their mean over trees) or {@link Aggregation#SUM_LOGIT} (boosting: leaf values are log-odds,
 * m = baseScore + their sum, p = sigmoid(m)). Score = round(1000 p).
 *
 * <p><b>Attribution</b> (Saabas): walking each tree's path, the change in node value from a node to the child taken
 * is credited to the node's split feature. Per tree these credits sum to leaf value minus root value. For
 * AVERAGE_PROBABILITY they are divided by the tree count and multiplied by 1000, so
 * <pre>  sum_i contribution_i = 1000 p - 1000 p0,   p0 = mean over trees of the root values</pre>
 * For SUM_LOGIT they are log-odds, turned into points by the slope of {@code 1000 sigmoid} between the baseline
 * {@code m0 = baseScore + sum of root values} and {@code m}, so again
 * <pre>  sum_i contribution_i = 1000 sigmoid(m) - 1000 sigmoid(m0)</pre>
 * exactly before rounding; in both cases {@code |score - round(1000 p0) - sum_i contribution_i| <= 1}.
 *
 * <p>Scoring allocates nothing, boxes nothing and is deterministic.
 */
public final class TreeEnsembleScorer implements Scorer {
    /** {@link #splitFeature} value of a leaf. */
    public static final int LEAF = -1;
    /** The one split rule every converter must match. */
    public static final String SPLIT_RULE = "x[feature] <= threshold goes left; greater or NaN goes right";

    /** How the trees' leaf values combine into a probability. */
    public enum Aggregation {
        /** Random forest: leaf values are class-1 probabilities; p = mean over trees. */
        AVERAGE_PROBABILITY,
        /** Gradient boosting: leaf values are log-odds; p = sigmoid(baseScore + sum over trees). */
        SUM_LOGIT
    }

    private final String version;
    private final String featureSchemaId;
    private final Aggregation aggregation;
    private final double baseScore;
    private final int[] splitFeature;
    private final double[] threshold;
    private final int[] left;
    private final int[] right;
    private final double[] nodeValue;
    private final int[] treeRoots;
    /** AVERAGE_PROBABILITY: mean root value; SUM_LOGIT: baseScore + sum of root values. */
    private final double baseline;

    /**
     * @param baseScore the log-odds every prediction starts from (SUM_LOGIT); must be 0 for AVERAGE_PROBABILITY
     */
    public TreeEnsembleScorer(final String version, final String featureSchemaId, final Aggregation aggregation,
        final double baseScore, final int[] splitFeature, final double[] threshold, final int[] left,
        final int[] right, final double[] nodeValue, final int[] treeRoots) {
        this.version = Objects.requireNonNull(version, "version");
        this.featureSchemaId = Objects.requireNonNull(featureSchemaId, "featureSchemaId");
        this.aggregation = Objects.requireNonNull(aggregation, "aggregation");
        this.baseScore = baseScore;
        this.splitFeature = splitFeature.clone();
        this.threshold = threshold.clone();
        this.left = left.clone();
        this.right = right.clone();
        this.nodeValue = nodeValue.clone();
        this.treeRoots = treeRoots.clone();
        validate();
        double sum = 0.0;
        for (final int root : this.treeRoots) {
            sum += this.nodeValue[root];
        }
        this.baseline = aggregation == Aggregation.AVERAGE_PROBABILITY ? sum / this.treeRoots.length : baseScore + sum;
    }

    private void validate() {
        final int nodes = splitFeature.length;
        if (threshold.length != nodes || left.length != nodes || right.length != nodes || nodeValue.length != nodes) {
            throw problem("node arrays differ in length");
        }
        if (treeRoots.length == 0) {
            throw problem("no trees");
        }
        if (!Double.isFinite(baseScore) || aggregation == Aggregation.AVERAGE_PROBABILITY && baseScore != 0.0) {
            throw problem("base score must be finite, and 0 for " + Aggregation.AVERAGE_PROBABILITY);
        }
        for (final int root : treeRoots) {
            if (root < 0 || root >= nodes) {
                throw problem("tree root " + root + " is not a node");
            }
        }
        for (int n = 0; n < nodes; n++) {
            if (!Double.isFinite(nodeValue[n])) {
                throw problem("node " + n + " value is not finite");
            }
            if (splitFeature[n] == LEAF) {
                continue;
            }
            if (splitFeature[n] < 0 || splitFeature[n] >= FeatureSchema.SIZE) {
                throw problem("node " + n + " splits on feature " + splitFeature[n] + ", outside the schema");
            }
            if (Double.isNaN(threshold[n])) {
                throw problem("node " + n + " threshold is NaN");
            }
            if (left[n] <= n || left[n] >= nodes || right[n] <= n || right[n] >= nodes) {
                throw problem("node " + n + " children " + left[n] + "/" + right[n]
                    + " must be nodes after it (flatten trees parent before child)");
            }
        }
    }

    private IllegalArgumentException problem(final String what) {
        return new IllegalArgumentException("tree ensemble " + version + ": " + what);
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
        double sum = 0.0;
        for (final int root : treeRoots) {
            int node = root;
            while (splitFeature[node] != LEAF) {
                final int feature = splitFeature[node];
                final int next = features.get(feature) <= threshold[node] ? left[node] : right[node];
                contributions[feature] += nodeValue[next] - nodeValue[node];
                node = next;
            }
            sum += nodeValue[node];
        }
        final double probability;
        final double points;
        if (aggregation == Aggregation.AVERAGE_PROBABILITY) {
            probability = sum / treeRoots.length;
            points = 1000.0 / treeRoots.length;
        } else {
            final double logOdds = baseScore + sum;
            probability = ScorePoints.sigmoid(logOdds);
            points = ScorePoints.pointsPerLogOdd(logOdds, baseline);
        }
        for (int i = 0; i < contributions.length; i++) {
            contributions[i] *= points;
        }
        return ScorePoints.score(probability);
    }

    /**
     * The model's probability of fraud for {@code features}, 0..1 (for parity tests and tools). A forest's average
     * of leaf probabilities can stray past 1 by a rounding error; it is clamped, as the score is.
     */
    public double probability(final FeatureVector features) {
        double sum = 0.0;
        for (final int root : treeRoots) {
            int node = root;
            while (splitFeature[node] != LEAF) {
                node = features.get(splitFeature[node]) <= threshold[node] ? left[node] : right[node];
            }
            sum += nodeValue[node];
        }
        return aggregation == Aggregation.AVERAGE_PROBABILITY ? Math.min(1.0, Math.max(0.0, sum / treeRoots.length))
            : ScorePoints.sigmoid(baseScore + sum);
    }

    /**
     * For converters whose source trees hold values only at leaves: fills {@code nodeValue} at every split node,
     * bottom up, with the mean of its children's values weighted by {@code cover} (training rows reaching each
     * node; null for equal weights). Leaf values must already be in place.
     */
    public static void fillExpectedValues(final int[] splitFeature, final int[] left, final int[] right,
        final double[] cover, final double[] nodeValue) {
        for (int n = splitFeature.length - 1; n >= 0; n--) {
            if (splitFeature[n] == LEAF) {
                continue;
            }
            final double wl = cover == null ? 1.0 : cover[left[n]];
            final double wr = cover == null ? 1.0 : cover[right[n]];
            nodeValue[n] = wl + wr == 0.0 ? 0.5 * (nodeValue[left[n]] + nodeValue[right[n]])
                : (wl * nodeValue[left[n]] + wr * nodeValue[right[n]]) / (wl + wr);
        }
    }

    Aggregation aggregation() {
        return aggregation;
    }

    double baseScore() {
        return baseScore;
    }

    int[] splitFeatures() {
        return splitFeature;
    }

    double[] thresholds() {
        return threshold;
    }

    int[] lefts() {
        return left;
    }

    int[] rights() {
        return right;
    }

    double[] nodeValues() {
        return nodeValue;
    }

    int[] treeRoots() {
        return treeRoots;
    }

    @Override
    public String toString() {
        return "TreeEnsembleScorer{" + version + ", " + aggregation + ", " + treeRoots.length + " trees, "
            + splitFeature.length + " nodes}";
    }
}
