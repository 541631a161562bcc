package io.ringfence.models.report;

import io.ringfence.models.evaluation.CardPrecisionAtK;
import io.ringfence.models.evaluation.EvaluationWindow;
import io.ringfence.models.evaluation.Metrics;
import io.ringfence.models.evaluation.ScoredTransaction;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Report inputs built from seeded random test sets. */
final class ReportFixtures {
    static final LocalDate TEST_FROM = LocalDate.parse("2018-06-08");
    static final EvaluationWindow WINDOW = EvaluationWindow.handbook(LocalDate.parse("2018-04-01"), 61, 7, 7);
    /** The prefix of every card reference in the fixtures, which the report must never show. */
    static final String CARD_PREFIX = "card-ref-";

    private ReportFixtures() {
    }

    /** A week of test transactions, 3 % fraud; fraud scores higher, and the policy's scores are coarse. */
    static ReportInput input(final String title, final List<FeatureImportance> importance) {
        final Random random = new Random(11);
        final List<ScoredTransaction> model = new ArrayList<>();
        final List<ScoredTransaction> policy = new ArrayList<>();
        final long start = TEST_FROM.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        for (int i = 0; i < 6_000; i++) {
            final boolean fraud = random.nextDouble() < 0.03;
            final String card = CARD_PREFIX + random.nextInt(900);
            final long time = start + (long) (random.nextDouble() * 7 * 86_400_000L);
            final double modelScore = clamp(random.nextGaussian() * 0.15 + (fraud ? 0.7 : 0.2));
            final double policyScore = Math.round(clamp(random.nextGaussian() * 0.2 + (fraud ? 0.5 : 0.25)) * 10)
                / 10.0;
            model.add(new ScoredTransaction("t" + i, card, time, modelScore, fraud));
            policy.add(new ScoredTransaction("t" + i, card, time, policyScore, fraud));
        }
        return new ReportInput(title, "logistic", "v1", "ringfence-features/3", WINDOW, 412, evaluation(model),
            evaluation(policy), importance);
    }

    static ScorerEvaluation evaluation(final List<ScoredTransaction> test) {
        return new ScorerEvaluation(Metrics.aucRoc(test), Metrics.averagePrecision(test),
            CardPrecisionAtK.compute(test, CardPrecisionAtK.DEFAULT_K).mean(), Metrics.atThreshold(test, 0.8), test);
    }

    /** Feature {@code f0} .. {@code f(n-1)}, importance falling with the index. */
    static List<FeatureImportance> features(final int count) {
        final List<FeatureImportance> features = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            features.add(new FeatureImportance("f" + i, 100.0 / (i + 1)));
        }
        return features;
    }

    private static double clamp(final double score) {
        return Math.max(0.0, Math.min(1.0, score));
    }
}
