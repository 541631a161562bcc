package io.ringfence.models.report;

import io.ringfence.models.evaluation.Curve;
import io.ringfence.models.evaluation.Curves;
import io.ringfence.models.evaluation.Metrics;
import io.ringfence.models.evaluation.ScoredTransaction;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's pieces against hand-computed cases: histogram bins, step outlines, feature ranking, input checks. */
class ReportPartsTest {
    private static final double EPS = 1e-12;

    @Test
    void histogramCountsEachClassInItsBinsAndNormalisesPerClass() {
        // 4 bins of width 0.25: 0.0 and 0.24 -> bin 0, 0.25 -> bin 1, 0.99 and 1.0 -> bin 3 (1.0 joins the last bin).
        final ScoreHistogram histogram = ScoreHistogram.of(List.of(tx(0.0, false), tx(0.24, false), tx(0.25, true),
            tx(0.99, true), tx(1.0, false)), 4);
        assertEquals(4, histogram.bins());
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, histogram.edges(), EPS);
        assertArrayEquals(new double[] {2.0 / 3, 0, 0, 1.0 / 3}, histogram.genuineShares(), EPS);
        assertArrayEquals(new double[] {0, 0.5, 0, 0.5}, histogram.fraudShares(), EPS);
        assertThrows(IllegalArgumentException.class, () -> ScoreHistogram.of(List.of(), 0));
    }

    @Test
    void theCurvesAndTheHistogramStartFromAnInvisibleFrameSoTheirAxesGetRoundTicks() {
        final ReportInput input = ReportFixtures.input("frame", ReportFixtures.features(3));
        for (final XYChart chart : List.of(ReportCharts.roc(input), ReportCharts.precisionRecall(input),
            ReportCharts.scoreDistribution(input))) {
            final XYSeries first = chart.getSeriesMap().values().iterator().next();
            assertArrayEquals(new double[] {0, 1}, first.getXData(), chart.getTitle());
            assertFalse(first.isShowInLegend(), chart.getTitle());
            assertEquals(0, first.getLineColor().getAlpha(), chart.getTitle());
        }
    }

    @Test
    void stepsHoldEachHeightAcrossItsInterval() {
        final double[][] outline = ReportCharts.steps(new double[] {0, 0.5, 1}, new double[] {1, 0.25});
        assertArrayEquals(new double[] {0, 0.5, 0.5, 1}, outline[0], 0.0);
        assertArrayEquals(new double[] {1, 1, 0.25, 0.25}, outline[1], 0.0);
        assertThrows(IllegalArgumentException.class, () -> ReportCharts.steps(new double[] {0, 1}, new double[2]));
    }

    @Test
    void thePrecisionRecallStepsEncloseTheAveragePrecision() {
        // Frauds 0.9, 0.5; genuine 0.7, 0.2. Recall 1/2 at precision 1, then 1/2 at 2/3 (0.7 adds a false
        // positive only), then 1 at 2/3, then 1 at 1/2: AP = 1/2 * 1 + 1/2 * 2/3 = 5/6.
        final List<ScoredTransaction> test = List.of(tx(0.9, true), tx(0.7, false), tx(0.5, true), tx(0.2, false));
        final Curve pr = Curves.precisionRecall(test);
        final double[] recalls = new double[pr.size() + 1];
        System.arraycopy(pr.xs(), 0, recalls, 1, pr.size());
        final double[][] outline = ReportCharts.steps(recalls, pr.ys());
        double area = 0.0;
        for (int i = 1; i < outline[0].length; i++) {
            area += (outline[0][i] - outline[0][i - 1]) * (outline[1][i] + outline[1][i - 1]) / 2;
        }
        assertEquals(5.0 / 6, area, EPS);
        assertEquals(Metrics.averagePrecision(test), area, EPS);
    }

    @Test
    void topFeaturesAreTheTwentyLargestWithTiesInInputOrder() {
        final List<FeatureImportance> features = new ArrayList<>(ReportFixtures.features(25));
        features.add(0, new FeatureImportance("tied", 50.0));
        final List<FeatureImportance> top = EvaluationReport.topFeatures(features);
        assertEquals(EvaluationReport.TOP_FEATURES, top.size());
        assertEquals("f0", top.get(0).feature());
        // f1 scores 50 too; "tied" comes first in the input, so it ranks first (by name it would not).
        assertEquals(List.of("tied", "f1"), List.of(top.get(1).feature(), top.get(2).feature()));
        assertEquals("f18", top.get(19).feature());
    }

    @Test
    void featureImportancesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new FeatureImportance(" ", 1.0));
        assertThrows(IllegalArgumentException.class, () -> new FeatureImportance("f", -0.5));
        assertThrows(IllegalArgumentException.class, () -> new FeatureImportance("f", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new FeatureImportance("f", Double.POSITIVE_INFINITY));
        final IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
            () -> ReportFixtures.input("lr", List.of(new FeatureImportance("f", 1.0), new FeatureImportance("f", 2.0))));
        assertTrue(twice.getMessage().contains("feature f has two importances"), twice.getMessage());
    }

    private static ScoredTransaction tx(final double score, final boolean fraud) {
        return new ScoredTransaction("t", "c", 0L, score, fraud);
    }
}
