package io.ringfence.models.training;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import io.ringfence.features.FeatureSchema;
import io.ringfence.scoring.LinearModelScorer;
import io.ringfence.scoring.Scorer;
import io.ringfence.scoring.TreeEnsembleScorer;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.protos.ClassificationLinearSGDProto;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.util.ExpNormalizer;
import org.tribuo.protos.core.MeanStdDevTransformerProto;
import org.tribuo.protos.core.TransformerProto;
import org.tribuo.transform.TransformedModel;
import org.tribuo.transform.Transformer;
import org.tribuo.transform.TransformerMap;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Compiles a trained Tribuo model into the engine's serving form: the {@link Scorer} that {@code serving.model}
 * holds, which scores with no allocation and gives the fraud probability Tribuo's {@code predict} gives (within
 * floating-point rounding; the parity tests hold it to 1e-6 on held-out rows).
 *
 * <ul>
 *   <li><b>logistic</b> ({@link TransformedModel} of a {@link LinearSGDModel} with the softmax of
 *   {@link org.tribuo.classification.sgd.objectives.LogMulticlass}) becomes a {@link LinearModelScorer}. With two
 *   classes, {@code p(fraud) = exp(m_f) / (exp(m_f) + exp(m_g)) = sigmoid(m_f - m_g)}: weights and bias are the fraud
 *   row minus the genuine row. Each feature's {@link MeanStdDevTransformation} statistics become its mean and scale;
 *   a feature without a transformation (constant in training) gets mean 0 and scale 1, which is exact.</li>
 *   <li><b>xgboost</b> and <b>forest</b> ({@link XGBoostModel}: Tribuo trains {@code multi:softprob} with one tree
 *   per class per round; a forest is one round of {@code num_parallel_tree} trees per class, whose leaves XGBoost has
 *   already divided by that number) become a {@link TreeEnsembleScorer.Aggregation#SUM_LOGIT} ensemble read from the booster's JSON model: fraud
 *   trees' leaves as they are, genuine trees' negated, since {@code p(fraud) = sigmoid(m_f - m_g)}; both classes
 *   start from the same {@code base_score} margin, so the base score is 0. XGBoost sends {@code x < split} left,
 *   comparing in float32: Tribuo gives it {@code (float) x}, so the serving threshold is the largest double whose
 *   float is below the split (see {@link #atMostThreshold}). Tribuo hands XGBoost every feature of an example,
 *   zero-valued ones included ({@link org.tribuo.impl.ArrayExample} keeps explicit zeros), so no engine feature is
 *   ever missing to XGBoost and the trees' default directions never apply; the engine produces no NaN.</li>
 * </ul>
 *
 * <p>Any other model is refused with an {@link IllegalArgumentException} naming what it is.
 */
public final class ServingCompiler {
    private static final List<String> FEATURE_NAMES = FeatureSchema.names();
    private static final String XGBOOST_OBJECTIVE = "multi:softprob";
    /** The (package-private) transformer a {@link MeanStdDevTransformation} fits. */
    private static final String STANDARDISER = MeanStdDevTransformation.class.getName() + "$MeanStdDevTransformer";

    private ServingCompiler() {
    }

    /**
     * The serving form of {@code model}, every decision it scores naming {@code version}.
     *
     * @throws IllegalArgumentException when the model is not one {@code ringfence train} makes, or reads features the
     *                                  engine does not compute
     */
    public static Scorer compile(final Model<Label> model, final String version) {
        if (model.getOutputIDInfo().size() != 2 || model.getOutputIDInfo().getID(new Label(TribuoRows.FRAUD)) < 0) {
            throw new IllegalArgumentException("model " + version + " predicts " + model.getOutputIDInfo().getDomain()
                + ": a serving model needs exactly the classes " + TribuoRows.FRAUD + " and " + TribuoRows.GENUINE);
        }
        if (model instanceof TransformedModel<Label> transformed
            && transformed.getInnerModel() instanceof LinearSGDModel linear) {
            return linear(linear, transformed.getTransformerMap(), version);
        }
        if (model instanceof LinearSGDModel linear) {
            return linear(linear, null, version);
        }
        if (model instanceof XGBoostModel<Label> boosted) {
            return xgboost(boosted, version);
        }
        final String inner = model instanceof TransformedModel<Label> transformed
            ? " of " + transformed.getInnerModel().getClass().getSimpleName() : "";
        throw new IllegalArgumentException("no serving form for a " + model.getClass().getSimpleName() + inner
            + " (model " + version + "): only logistic (LinearSGDModel) and xgboost models (forests included)"
            + " compile");
    }

    private static LinearModelScorer linear(final LinearSGDModel model, final TransformerMap transformers,
                                            final String version) {
        final String normalizer = unpack(model.serialize().getSerializedData(), ClassificationLinearSGDProto.class)
            .getNormalizer().getClassName();
        if (!ExpNormalizer.class.getName().equals(normalizer)) {
            throw new IllegalArgumentException("linear model " + version + " normalises its outputs with " + normalizer
                + ", not softmax: only logistic regression has a serving form");
        }
        final DenseMatrix w = model.getWeightsCopy();
        final int fraud = fraudId(model.getOutputIDInfo());
        final int genuine = 1 - fraud;
        final int biasColumn = w.getDimension2Size() - 1;
        final ImmutableFeatureMap featureMap = model.getFeatureIDMap();
        final double[] weights = new double[FeatureSchema.SIZE];
        double bias = w.get(fraud, biasColumn) - w.get(genuine, biasColumn);
        for (int id = 0; id < biasColumn; id++) {
            weights[schemaIndex(featureMap.get(id).getName(), version)] = w.get(fraud, id) - w.get(genuine, id);
        }
        if (transformers == null) {
            return new LinearModelScorer(version, FeatureSchema.ID, bias, weights, null, null);
        }
        final double[] means = new double[FeatureSchema.SIZE];
        final double[] scales = new double[FeatureSchema.SIZE];
        for (int i = 0; i < FeatureSchema.SIZE; i++) {
            final List<Transformer> list = transformers.get(FEATURE_NAMES.get(i));
            if (list == null || list.isEmpty()) {
                scales[i] = 1.0;
                continue;
            }
            final MeanStdDevTransformerProto standardise = standardisation(list, FEATURE_NAMES.get(i), version);
            if (!(standardise.getObservedStdDev() > 0.0)) {
                throw new IllegalArgumentException("linear model " + version + " standardises feature "
                    + FEATURE_NAMES.get(i) + " by a standard deviation of " + standardise.getObservedStdDev());
            }
            // ((x - mean) / sd) * targetSd + targetMean: the target scale folds into the weight, the target mean into
            // the bias (ringfence trains with targets 1 and 0, where both are exact no-ops).
            means[i] = standardise.getObservedMean();
            scales[i] = standardise.getObservedStdDev();
            bias += weights[i] * standardise.getTargetMean();
            weights[i] *= standardise.getTargetStdDev();
        }
        return new LinearModelScorer(version, FeatureSchema.ID, bias, weights, means, scales);
    }

    private static MeanStdDevTransformerProto standardisation(final List<Transformer> list, final String feature,
                                                              final String version) {
        final TransformerProto proto = list.get(0).serialize();
        if (list.size() != 1 || !STANDARDISER.equals(proto.getClassName())) {
            throw new IllegalArgumentException("linear model " + version + " transforms feature " + feature + " by "
                + list + ": only one mean and standard deviation standardisation has a serving form");
        }
        return unpack(proto.getSerializedData(), MeanStdDevTransformerProto.class);
    }

    private static TreeEnsembleScorer xgboost(final XGBoostModel<Label> model, final String version) {
        final List<Booster> boosters = model.getInnerModels();
        try {
            if (boosters.size() != 1) {
                throw new IllegalArgumentException("xgboost model " + version + " holds " + boosters.size()
                    + " boosters; one has a serving form");
            }
            final JsonNode learner = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .readTree(boosters.get(0).toByteArray("json")).path("learner");
            return xgboostTrees(learner, model.getFeatureIDMap(), fraudId(model.getOutputIDInfo()), version);
        } catch (final XGBoostError | IOException e) {
            throw new IllegalArgumentException("cannot read the booster of xgboost model " + version + ": "
                + e.getMessage(), e);
        } finally {
            boosters.forEach(Booster::dispose);
        }
    }

    private static TreeEnsembleScorer xgboostTrees(final JsonNode learner, final ImmutableFeatureMap featureMap,
                                                   final int fraud, final String version) {
        final String objective = learner.path("objective").path("name").asText();
        final JsonNode booster = learner.path("gradient_booster");
        if (!XGBOOST_OBJECTIVE.equals(objective) || !"gbtree".equals(booster.path("name").asText())
            || !"2".equals(learner.path("learner_model_param").path("num_class").asText())) {
            throw new IllegalArgumentException("xgboost model " + version + " is a " + booster.path("name").asText()
                + " booster with objective " + objective + ": only gbtree with " + XGBOOST_OBJECTIVE
                + " over two classes (as Tribuo trains) has a serving form");
        }
        final JsonNode trees = booster.path("model").path("trees");
        final JsonNode treeClasses = booster.path("model").path("tree_info");
        if (trees.size() == 0 || trees.size() != treeClasses.size()) {
            throw new IllegalArgumentException("xgboost model " + version + " has " + trees.size() + " trees and "
                + treeClasses.size() + " tree classes");
        }
        final FlatTrees flat = new FlatTrees();
        for (int t = 0; t < trees.size(); t++) {
            final double sign = treeClasses.get(t).asInt() == fraud ? 1.0 : -1.0;
            flat.root(addXGBoostNode(trees.get(t), 0, sign, featureMap, flat, version));
        }
        return flat.build(version, TreeEnsembleScorer.Aggregation.SUM_LOGIT, 0.0);
    }

    private static int addXGBoostNode(final JsonNode tree, final int node, final double sign,
                                      final ImmutableFeatureMap featureMap, final FlatTrees flat, final String version) {
        final int left = tree.path("left_children").get(node).asInt();
        final double cover = floatAt(tree.path("sum_hessian"), node);
        final double condition = floatAt(tree.path("split_conditions"), node);
        if (left == -1) {
            return flat.leaf(sign * condition, cover);
        }
        final int featureId = tree.path("split_indices").get(node).asInt();
        if (featureId < 0 || featureId >= featureMap.size()) {
            throw new IllegalArgumentException("xgboost model " + version + " splits on feature id " + featureId
                + ", which Tribuo's feature map does not name");
        }
        final int index = flat.split(schemaIndex(featureMap.get(featureId).getName(), version),
            atMostThreshold((float)condition), cover);
        final int leftNode = addXGBoostNode(tree, left, sign, featureMap, flat, version);
        final int rightNode = addXGBoostNode(tree, tree.path("right_children").get(node).asInt(), sign, featureMap,
            flat, version);
        flat.children(index, leftNode, rightNode);
        return index;
    }

    /** A float of XGBoost's JSON model, read as the float it was written from. */
    private static double floatAt(final JsonNode values, final int index) {
        return Float.parseFloat(values.get(index).asText());
    }

    /**
     * The serving threshold of an XGBoost split {@code (float) x < split}: the largest double whose float rounding
     * (to nearest, ties to even) is below {@code split}. Between the float below {@code split} and {@code split} lies
     * their midpoint, exact in double: below it values round down, above it up, and at it to the even of the two.
     */
    static double atMostThreshold(final float split) {
        if (!Float.isFinite(split)) {
            throw new IllegalArgumentException("xgboost split threshold " + split + " is not finite");
        }
        final float below = Math.nextDown(split);
        final double midpoint = ((double)below + (double)split) / 2.0;
        return (float)midpoint < split ? midpoint : Math.nextDown(midpoint);
    }

    private static int fraudId(final ImmutableOutputInfo<Label> outputs) {
        return outputs.getID(new Label(TribuoRows.FRAUD));
    }

    private static int schemaIndex(final String feature, final String version) {
        final int index = FEATURE_NAMES.indexOf(feature);
        if (index < 0) {
            throw new IllegalArgumentException("model " + version + " reads feature " + feature + ", which the engine's"
                + " feature schema " + FeatureSchema.ID + " does not have");
        }
        return index;
    }

    private static <P extends com.google.protobuf.Message> P unpack(final com.google.protobuf.Any any,
                                                                   final Class<P> type) {
        try {
            return any.unpack(type);
        } catch (final InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("cannot read Tribuo's " + type.getSimpleName() + ": " + e.getMessage(),
                e);
        }
    }
}
