package io.ringfence.scoring;

import io.ringfence.features.Feature;
import io.ringfence.features.FeatureSchema;
import io.ringfence.features.FeatureVector;

/** Small hand-made models for tests. */
public final class TestModels {
    /** A feature schema id no engine computes. */
    public static final String STALE_SCHEMA_ID = "ringfence-features/v0#0";

    private TestModels() {
    }

    /** How a hand-made scorer scores: the score, with contributions written as it likes. */
    @FunctionalInterface
    public interface Scoring {
        int score(FeatureVector features, double[] contributions);
    }

    /** A scorer that reads {@link #STALE_SCHEMA_ID}: what an engine must refuse. */
    public static Scorer staleSchema(final String version) {
        return scorer(version, STALE_SCHEMA_ID, (features, contributions) -> 0);
    }

    /** A scorer of the engine's feature schema that scores as {@code scoring} does. */
    public static Scorer scoring(final String version, final Scoring scoring) {
        return scorer(version, FeatureSchema.ID, scoring);
    }

    private static Scorer scorer(final String version, final String schemaId, final Scoring scoring) {
        return new Scorer() {
            @Override
            public String version() {
                return version;
            }

            @Override
            public String featureSchemaId() {
                return schemaId;
            }

            @Override
            public int score(final FeatureVector features, final double[] contributions) {
                return scoring.score(features, contributions);
            }
        };
    }

    /** bias -3; AMOUNT 0.01 per unit, NEW_DEVICE 2, IP_COUNTRY_MISMATCH 1.5, CARD_AGE_DAYS -0.01. */
    public static LinearModelScorer linear(final String version) {
        final double[] w = new double[FeatureSchema.SIZE];
        w[Feature.AMOUNT.ordinal()] = 0.01;
        w[Feature.NEW_DEVICE.ordinal()] = 2.0;
        w[Feature.IP_COUNTRY_MISMATCH.ordinal()] = 1.5;
        w[Feature.CARD_AGE_DAYS.ordinal()] = -0.01;
        return new LinearModelScorer(version, FeatureSchema.ID, -3.0, w, null, null);
    }

    /**
     * Two trees. Tree 0: node 0 AMOUNT &lt;= 100 ? leaf 1 : node 2; node 2 NEW_DEVICE &lt;= 0.5 ? leaf 3 : leaf 4.
     * Tree 1: node 5 IP_COUNTRY_MISMATCH &lt;= 0.5 ? leaf 6 : leaf 7.
     */
    public static TreeEnsembleScorer trees(final String version, final TreeEnsembleScorer.Aggregation aggregation,
        final double baseScore, final double[] nodeValue) {
        final int leaf = TreeEnsembleScorer.LEAF;
        final int amount = Feature.AMOUNT.ordinal();
        final int device = Feature.NEW_DEVICE.ordinal();
        final int ip = Feature.IP_COUNTRY_MISMATCH.ordinal();
        return new TreeEnsembleScorer(version, FeatureSchema.ID, aggregation, baseScore,
            new int[] {amount, leaf, device, leaf, leaf, ip, leaf, leaf},
            new double[] {100, 0, 0.5, 0, 0, 0.5, 0, 0},
            new int[] {1, 0, 3, 0, 0, 6, 0, 0},
            new int[] {2, 0, 4, 0, 0, 7, 0, 0},
            nodeValue,
            new int[] {0, 5});
    }

    /** A random forest: leaf probabilities 0.1 / 0.4 / 0.9 and 0.2 / 0.8; node expectations 0.3, 0.6, 0.35. */
    public static TreeEnsembleScorer forest(final String version) {
        return trees(version, TreeEnsembleScorer.Aggregation.AVERAGE_PROBABILITY, 0.0,
            new double[] {0.3, 0.1, 0.6, 0.4, 0.9, 0.35, 0.2, 0.8});
    }

    /** Boosted trees, base -1: leaf log-odds -0.5 / 0.5 / 1.5 and -0.2 / 0.7; node expectations 0, 1, 0.1. */
    public static TreeEnsembleScorer boosted(final String version) {
        return trees(version, TreeEnsembleScorer.Aggregation.SUM_LOGIT, -1.0,
            new double[] {0.0, -0.5, 1.0, 0.5, 1.5, 0.1, -0.2, 0.7});
    }
}
