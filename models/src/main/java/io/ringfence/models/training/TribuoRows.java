package io.ringfence.models.training;

import io.ringfence.features.FeatureSchema;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;

import java.util.ArrayList;
import java.util.List;

/** Feature rows as Tribuo examples: feature names are {@link FeatureSchema#names()}, labels fraud and genuine. */
public final class TribuoRows {
    /** The positive class. */
    public static final String FRAUD = "fraud";
    /** The negative class. */
    public static final String GENUINE = "genuine";
    private static final String[] NAMES = FeatureSchema.names().toArray(String[]::new);
    private static final int BATCH = 8192;

    private TribuoRows() {
    }

    /** The feature names in schema order, as Tribuo sees them. */
    public static String[] featureNames() {
        return NAMES.clone();
    }

    /** A labelled example of a row. */
    public static Example<Label> example(final FeatureRow row) {
        return new ArrayExample<>(new Label(row.fraud() ? FRAUD : GENUINE), NAMES, row.features());
    }

    /** An unlabelled example of a feature vector, for prediction. */
    public static Example<Label> unlabelled(final double[] features) {
        return new ArrayExample<>(new Label(GENUINE), NAMES, features);
    }

    /**
     * The model's fraud probability for each feature vector, through Tribuo's {@code predict} in batches: the
     * reference the compiled serving form ({@link ServingCompiler}) is held to by the parity tests, and the baseline
     * it is benchmarked against. It allocates a Prediction per row: never the engine's scoring path.
     */
    public static double[] fraudScores(final Model<Label> model, final List<double[]> features) {
        final double[] scores = new double[features.size()];
        final List<Example<Label>> batch = new ArrayList<>(BATCH);
        int done = 0;
        for (int i = 0; i < features.size(); i++) {
            batch.add(unlabelled(features.get(i)));
            if (batch.size() == BATCH || i == features.size() - 1) {
                final List<Prediction<Label>> predictions = model.predict(batch);
                for (final Prediction<Label> prediction : predictions) {
                    scores[done++] = fraudScore(prediction);
                }
                batch.clear();
            }
        }
        return scores;
    }

    /** The fraud probability of one prediction, clamped into [0, 1] against rounding. */
    public static double fraudScore(final Prediction<Label> prediction) {
        final Label fraud = prediction.getOutputScores().get(FRAUD);
        final double score = fraud == null ? 0.0 : fraud.getScore();
        return Double.isNaN(score) ? 0.0 : Math.max(0.0, Math.min(1.0, score));
    }
}
