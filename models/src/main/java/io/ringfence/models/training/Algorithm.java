package io.ringfence.models.training;

import io.ringfence.features.FeatureSchema;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.Transformation;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The model families {@code ringfence train} offers, each a Tribuo trainer with fixed, documented settings.
 *
 * <p>Class imbalance (fraud is well under 1% of transactions): no reweighting or resampling. The metrics that matter
 * here (AUC ROC, average precision, card precision@k) rank transactions, and reweighting shifts scores without
 * changing much of a well-fit ranking; the handbook's published baselines are unweighted too, so the comparison stays
 * like for like. The decision threshold (0.8) is where reweighting would matter; it is reported as measured.
 */
public enum Algorithm {
    /**
     * Logistic regression: Tribuo's {@link LinearSGDTrainer} with the {@link LogMulticlass} objective (multinomial logistic regression; with two classes, plain logistic regression), AdaGrad
     * (learning rate 0.1), 10 epochs, minibatch 1, behind a {@link TransformTrainer} that standardises every feature
     * (mean 0, standard deviation 1, fitted on the training set; features constant there are left alone) since the features range from flags to amounts.
     */
    LOGISTIC("logistic", 0, 0) {
        @Override
        public Trainer<Label> trainer(final long seed, final Set<String> constantFeatures, final int trees,
                                      final int maxDepth) {
            final LinearSGDTrainer sgd = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1),
                LOGISTIC_EPOCHS, Integer.MAX_VALUE, 1, seed);
            // Per feature, not global: Tribuo's standardisation of a constant feature divides by a zero deviation
            // (NaN), so features constant in the training set are left as they are.
            final Map<String, List<Transformation>> standardise = new TreeMap<>();
            for (final String name : FeatureSchema.names()) {
                if (!constantFeatures.contains(name)) {
                    standardise.put(name, List.of(new MeanStdDevTransformation()));
                }
            }
            return new TransformTrainer<>(sgd, new TransformationMap(standardise), true);
        }
    },
    /**
     * Random forest: XGBoost in random-forest mode through Tribuo's {@link XGBoostClassificationTrainer}, 50 trees of
     * depth at most 10 by default grown side by side in one round ({@code num_parallel_tree}), each on a 63.2% row
     * sample drawn without replacement (about a bootstrap's distinct rows) and half the features at each split
     * ({@code colsample_bynode}), learning rate 1 so the round is not shrunk; XGBoost scales each tree's leaves by the
     * number of trees, so their sum is the forest's average. One thread (deterministic), seeded. Tribuo's own CART
     * forest did not finish a one-week window of our generator (322,497 rows, 50 trees of depth 10) in 25 minutes;
     * XGBoost's histogram method grows the same forest in about the time of a boosting round per tree.
     */
    FOREST("forest", 50, 10) {
        @Override
        public Trainer<Label> trainer(final long seed, final Set<String> constantFeatures, final int trees,
                                      final int maxDepth) {
            final Map<String, Object> forest = new TreeMap<>();
            forest.put("objective", "multi:softprob");
            forest.put("booster", "gbtree");
            forest.put("tree_method", "hist");
            forest.put("num_parallel_tree", trees);
            forest.put("max_depth", maxDepth);
            forest.put("eta", 1.0);
            forest.put("subsample", FOREST_ROW_SAMPLE);
            forest.put("colsample_bynode", FOREST_FEATURE_SAMPLE);
            forest.put("nthread", 1);
            forest.put("seed", seed);
            forest.put("verbosity", 0);
            return new XGBoostClassificationTrainer(1, forest);
        }
    },
    /**
     * Gradient-boosted trees: Tribuo's {@link XGBoostClassificationTrainer}, by default 50 rounds of trees of depth at
     * most 6 (a tree per class per round), learning
     * rate 0.3, no row or column subsampling, one thread (deterministic), seeded.
     */
    XGBOOST("xgboost", 50, 6) {
        @Override
        public Trainer<Label> trainer(final long seed, final Set<String> constantFeatures, final int trees,
                                      final int maxDepth) {
            return new XGBoostClassificationTrainer(XGBoostTrainer.BoosterType.GBTREE, XGBoostTrainer.TreeMethod.AUTO,
                trees, 0.3, 0.0, maxDepth, 1.0, 1.0, 1.0, 1.0, 0.0, 1, XGBoostTrainer.LoggingVerbosity.SILENT, seed);
        }
    };

    static final int LOGISTIC_EPOCHS = 10;
    /** The share of distinct rows a bootstrap sample holds, 1 - 1/e: each forest tree's row sample. */
    static final double FOREST_ROW_SAMPLE = 0.632;
    static final double FOREST_FEATURE_SAMPLE = 0.5;

    private final String cliName;
    private final int defaultTrees;
    private final int defaultMaxDepth;

    Algorithm(final String cliName, final int defaultTrees, final int defaultMaxDepth) {
        this.cliName = cliName;
        this.defaultTrees = defaultTrees;
        this.defaultMaxDepth = defaultMaxDepth;
    }

    /**
     * The trainer for a seed, the features constant in the training set, and for tree models the number of trees
     * (boosting rounds for xgboost) and their maximum depth (ignored by logistic): the same seed and data give the
     * same model, where Tribuo allows.
     */
    public abstract Trainer<Label> trainer(long seed, Set<String> constantFeatures, int trees, int maxDepth);

    /** Whether the model is made of trees, so that a tree count and depth apply. */
    public boolean growsTrees() {
        return defaultTrees > 0;
    }

    /** The number of trees (xgboost: boosting rounds) when none is asked for; 0 for logistic. */
    public int defaultTrees() {
        return defaultTrees;
    }

    /** The maximum tree depth when none is asked for; 0 for logistic. */
    public int defaultMaxDepth() {
        return defaultMaxDepth;
    }

    /** The name on the command line and in manifests. */
    public String cliName() {
        return cliName;
    }

    /** The algorithm of a command-line or manifest name. */
    public static Algorithm of(final String name) {
        for (final Algorithm algorithm : values()) {
            if (algorithm.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("unknown algorithm '" + name + "' (logistic, forest or xgboost)");
    }
}
