package io.ringfence.models.report;

import io.ringfence.models.evaluation.EvaluationWindow;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an evaluation report shows: which model, the protocol's windows, the model's and the built-in policy's results
 * on the same test set, and the model's feature importance. The test transaction and fraud counts are read from the
 * model's test set.
 *
 * @param title                        the report's heading, such as the model directory's name
 * @param algorithm                    the training algorithm, as the model's manifest names it
 * @param modelVersion                 the model's version or identity, as the caller tracks it
 * @param featureSchemaId              the feature schema the model reads
 * @param window                       training window, feedback delay and test window
 * @param removedKnownCardTransactions test-window transactions dropped because their card's fraud was known that day
 * @param model                        the model's results
 * @param builtInPolicy                the built-in policy's results on the same test set
 * @param featureImportance            the model's features, any order (the report ranks them); empty when the model
 *                                     gives none, and the report then says so instead of drawing the chart
 */
public record ReportInput(String title, String algorithm, String modelVersion, String featureSchemaId,
                          EvaluationWindow window, long removedKnownCardTransactions, ScorerEvaluation model,
                          ScorerEvaluation builtInPolicy, List<FeatureImportance> featureImportance) {
    /**
     * @throws IllegalArgumentException if the two scorers were not evaluated on test sets of the same size and fraud
     *                                  count, at the same threshold, if a feature is named twice, or the removed count
     *                                  is negative
     */
    public ReportInput {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(featureSchemaId, "featureSchemaId");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(builtInPolicy, "builtInPolicy");
        featureImportance = List.copyOf(featureImportance);
        final Set<String> names = new HashSet<>();
        for (final FeatureImportance feature : featureImportance) {
            if (!names.add(feature.feature())) {
                throw new IllegalArgumentException("feature " + feature.feature() + " has two importances");
            }
        }
        if (removedKnownCardTransactions < 0) {
            throw new IllegalArgumentException("removed transactions cannot be negative: "
                + removedKnownCardTransactions);
        }
        if (model.test().size() != builtInPolicy.test().size() || model.frauds() != builtInPolicy.frauds()) {
            throw new IllegalArgumentException("the model and the built-in policy must be evaluated on the same test"
                + " set: " + model.test().size() + " transactions (" + model.frauds() + " fraud) against "
                + builtInPolicy.test().size() + " (" + builtInPolicy.frauds() + " fraud)");
        }
        if (model.atThreshold().threshold() != builtInPolicy.atThreshold().threshold()) {
            throw new IllegalArgumentException("the model and the built-in policy must be measured at the same"
                + " threshold, not " + model.atThreshold().threshold() + " and "
                + builtInPolicy.atThreshold().threshold());
        }
    }

    /** The number of test transactions. */
    public long testTransactions() {
        return model.test().size();
    }

    /** The number of fraudulent test transactions. */
    public long testFrauds() {
        return model.frauds();
    }
}
