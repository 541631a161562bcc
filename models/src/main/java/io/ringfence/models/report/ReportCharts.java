package io.ringfence.models.report;

import io.ringfence.models.evaluation.Curve;
import io.ringfence.models.evaluation.Curves;
import io.ringfence.models.evaluation.ThresholdMetrics;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The report's four charts, drawn with XChart at a fixed size and in fixed fonts and colours, so that the same input
 * draws the same pixels. Curves are downsampled to {@link Curves#PLOT_POINTS} before drawing.
 */
final class ReportCharts {
    static final int WIDTH = 800;
    static final int HEIGHT = 600;
    static final int HISTOGRAM_BINS = 50;

    private static final Color MODEL = new Color(0x1F77B4);
    private static final Color POLICY = new Color(0xFF7F0E);
    private static final Color REFERENCE = new Color(0x888888);
    private static final Color GENUINE = new Color(0x1F77B4);
    private static final Color FRAUD = new Color(0xD62728);
    private static final Color BAR = new Color(0x2CA02C);
    private static final BasicStroke CURVE_LINE = new BasicStroke(2.0f);
    private static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
        10.0f, new float[] {6.0f, 4.0f}, 0.0f);
    private static final String FONT = Font.SANS_SERIF;

    private ReportCharts() {
    }

    /** ROC curves of both scorers with the chance diagonal; dots at the decline threshold. */
    static XYChart roc(final ReportInput input) {
        final XYChart chart = chart("ROC curve", "False-positive rate", "True-positive rate (recall)");
        frame(chart, 1.0);
        for (final Scorer scorer : Scorer.both(input)) {
            line(chart, scorer.label() + String.format(Locale.ROOT, ", AUC %.4f", scorer.evaluation().aucRoc()),
                Curves.roc(scorer.evaluation().test()), scorer.colour());
        }
        reference(chart, "chance", new double[] {0, 1}, new double[] {0, 1});
        operatingPoints(chart, input, ThresholdMetrics::falsePositiveRate, ThresholdMetrics::recall);
        return chart;
    }

    /**
     * Precision-recall curves of both scorers, drawn as the steps whose area is the average precision, with the
     * fraud base rate (the precision of flagging at random); dots at the decline threshold.
     */
    static XYChart precisionRecall(final ReportInput input) {
        final XYChart chart = chart("Precision-recall curve", "Recall", "Precision");
        frame(chart, 1.0);
        for (final Scorer scorer : Scorer.both(input)) {
            steps(chart, scorer.label() + String.format(Locale.ROOT, ", AP %.4f",
                scorer.evaluation().averagePrecision()), Curves.precisionRecall(scorer.evaluation().test()),
                scorer.colour());
        }
        final double baseRate = (double) input.testFrauds() / input.testTransactions();
        reference(chart, String.format(Locale.ROOT, "fraud base rate %.4f", baseRate), new double[] {0, 1},
            new double[] {baseRate, baseRate});
        operatingPoints(chart, input, ThresholdMetrics::recall, ThresholdMetrics::precision);
        return chart;
    }

    /** The model's score distribution, genuine and fraud, each class normalised to its own total. */
    static XYChart scoreDistribution(final ReportInput input) {
        final XYChart chart = chart("Model score by class", "Score",
            "Share of the class's transactions per bin");
        frame(chart, 0.0);
        final ScoreHistogram histogram = ScoreHistogram.of(input.model().test(), HISTOGRAM_BINS);
        area(chart, String.format(Locale.ROOT, "genuine (%,d)", input.testTransactions() - input.testFrauds()),
            steps(histogram.edges(), histogram.genuineShares()), GENUINE);
        area(chart, String.format(Locale.ROOT, "fraud (%,d)", input.testFrauds()),
            steps(histogram.edges(), histogram.fraudShares()), FRAUD);
        chart.getStyler().setYAxisMax(null);
        return chart;
    }

    /**
     * Horizontal bars of the features, the first at the top. XChart has no horizontal bar chart: each bar is a thick
     * line from 0 along its row (row {@code n} at the top for the first feature, row 1 at the bottom for the last),
     * and the y axis labels each row with its feature's name.
     */
    static XYChart featureImportance(final List<FeatureImportance> ranked) {
        final XYChart chart = chart("Feature importance (top " + ranked.size() + ")",
            "Mean absolute contribution (score points)", "");
        final int rows = ranked.size();
        // About two thirds of a row's height (the plot takes some 500 of the 600 pixels, over rows + 1 row pitches),
        // and no fatter than 60 pixels when there are only a few.
        final BasicStroke barStroke = new BasicStroke(Math.min(60.0f, 330.0f / (rows + 1)), BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_MITER);
        // An empty row below and above frames the bars; it is a lone point, which draws nothing.
        chart.addSeries("bottom margin", new double[] {0}, new double[] {0}).setShowInLegend(false);
        double largest = 0.0;
        // Bottom row first: XChart labels the y axis at the series' y values when, in the order added, they are
        // equally spaced, and so puts one tick, named by the formatter below, on every row.
        for (int row = 1; row <= rows; row++) {
            final FeatureImportance feature = ranked.get(rows - row);
            final XYSeries bar = chart.addSeries("row " + row, new double[] {0, feature.meanAbsoluteContribution()},
                new double[] {row, row});
            bar.setLineColor(BAR);
            bar.setLineStyle(barStroke);
            bar.setShowInLegend(false);
            largest = Math.max(largest, feature.meanAbsoluteContribution());
        }
        chart.addSeries("top margin", new double[] {0}, new double[] {rows + 1}).setShowInLegend(false);
        for (final XYSeries series : chart.getSeriesMap().values()) {
            series.setMarker(SeriesMarkers.NONE);
        }
        final XYStyler styler = chart.getStyler();
        styler.setLegendVisible(false);
        styler.setXAxisMin(0.0);
        styler.setXAxisMax(largest > 0.0 ? largest * 1.05 : 1.0);
        styler.setXAxisDecimalPattern(null);
        styler.setYAxisMin(null);
        styler.setYAxisMax(null);
        styler.setPlotContentSize(1.0);
        styler.setPlotGridHorizontalLinesVisible(false);
        styler.setyAxisTickLabelsFormattingFunction(y -> rowLabel(ranked, y));
        return chart;
    }

    /** Writes the chart as a PNG of {@link #WIDTH} by {@link #HEIGHT} pixels. */
    static void writePng(final XYChart chart, final Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /**
     * The outline of steps: height {@code heights[i]} held from {@code edges[i]} to {@code edges[i + 1]}, joined by
     * vertical rises and falls. As a precision-recall plot, edges are the recalls (from 0) and heights the precisions,
     * and the area under the outline is the average precision.
     *
     * @return the outline's x values in {@code [0]} and y values in {@code [1]}, {@code 2 * heights.length} points
     */
    static double[][] steps(final double[] edges, final double[] heights) {
        if (edges.length != heights.length + 1) {
            throw new IllegalArgumentException("steps need one edge more than heights: " + edges.length + " edges, "
                + heights.length + " heights");
        }
        final double[] xs = new double[2 * heights.length];
        final double[] ys = new double[2 * heights.length];
        for (int i = 0; i < heights.length; i++) {
            xs[2 * i] = edges[i];
            xs[2 * i + 1] = edges[i + 1];
            ys[2 * i] = heights[i];
            ys[2 * i + 1] = heights[i];
        }
        return new double[][] {xs, ys};
    }

    private static XYChart chart(final String title, final String xTitle, final String yTitle) {
        final XYChart chart = new XYChart(WIDTH, HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        final XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setPlotGridLinesColor(new Color(0xE0E0E0));
        styler.setChartTitleFont(new Font(FONT, Font.BOLD, 16));
        styler.setAxisTitleFont(new Font(FONT, Font.PLAIN, 13));
        styler.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 12));
        styler.setLegendFont(new Font(FONT, Font.PLAIN, 12));
        styler.setChartTitleBoxVisible(false);
        styler.setLegendPosition(LegendPosition.OutsideS);
        styler.setLegendLayout(LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setAntiAlias(true);
        styler.setXAxisMin(0.0);
        styler.setXAxisMax(1.0);
        styler.setYAxisMin(0.0);
        styler.setYAxisMax(1.0);
        styler.setXAxisDecimalPattern("0.0#");
        styler.setYAxisDecimalPattern("0.0#");
        return chart;
    }

    /**
     * An invisible first series from (0, 0) to (1, {@code top}). XChart puts a tick at every distinct value of an axis
     * when those values, in the order the series were added, are equally spaced: a ROC curve's recalls are multiples
     * of one over the frauds, and a histogram's edges are its bins, which gave a tick every hundredth or so. Starting
     * the values with 0 and 1 breaks that spacing, so the axes get XChart's usual round ticks (0.1 apart).
     */
    private static void frame(final XYChart chart, final double top) {
        final XYSeries frame = chart.addSeries("frame", new double[] {0, 1}, new double[] {0, top});
        frame.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        frame.setMarker(SeriesMarkers.NONE);
        frame.setLineColor(new Color(0, 0, 0, 0));
        frame.setShowInLegend(false);
    }

    private static void line(final XYChart chart, final String name, final Curve curve, final Color colour) {
        final Curve plotted = curve.downsampled(Curves.PLOT_POINTS);
        style(chart.addSeries(name, plotted.xs(), plotted.ys()), colour, CURVE_LINE);
    }

    private static void steps(final XYChart chart, final String name, final Curve curve, final Color colour) {
        final Curve plotted = curve.downsampled(Curves.PLOT_POINTS);
        final double[] recalls = new double[plotted.size() + 1];
        System.arraycopy(plotted.xs(), 0, recalls, 1, plotted.size());
        final double[][] outline = steps(recalls, plotted.ys());
        style(chart.addSeries(name, outline[0], outline[1]), colour, CURVE_LINE);
    }

    private static void area(final XYChart chart, final String name, final double[][] outline, final Color colour) {
        final XYSeries series = chart.addSeries(name, outline[0], outline[1]);
        style(series, colour, new BasicStroke(1.5f));
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Area);
        series.setFillColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 70));
    }

    private static void reference(final XYChart chart, final String name, final double[] xs, final double[] ys) {
        style(chart.addSeries(name, xs, ys), REFERENCE, DASHED);
    }

    /** A dot per scorer where it stands at the decline threshold, unnamed in the legend. */
    private static void operatingPoints(final XYChart chart, final ReportInput input,
                                        final ToDoubleFunction<ThresholdMetrics> x,
                                        final ToDoubleFunction<ThresholdMetrics> y) {
        for (final Scorer scorer : Scorer.both(input)) {
            final ThresholdMetrics atThreshold = scorer.evaluation().atThreshold();
            final XYSeries point = chart.addSeries(scorer.label() + " at threshold",
                new double[] {x.applyAsDouble(atThreshold)}, new double[] {y.applyAsDouble(atThreshold)});
            point.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            point.setMarker(SeriesMarkers.CIRCLE);
            point.setMarkerColor(scorer.colour());
            point.setShowInLegend(false);
        }
    }

    private static void style(final XYSeries series, final Color colour, final BasicStroke stroke) {
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(colour);
        series.setLineStyle(stroke);
    }

    /**
     * The feature name of a row; the margin rows get blank labels. XChart retries tick layouts until their labels are
     * all different, so no two labels may be equal: the margins' blanks differ in length, feature names are unique
     * (see {@link ReportInput}), and a value between rows, which XChart should never ask for, gets its number.
     */
    private static String rowLabel(final List<FeatureImportance> ranked, final double y) {
        final long row = Math.round(y);
        if (row != y || row < 0 || row > ranked.size() + 1) {
            return Double.toString(y);
        }
        if (row == 0 || row == ranked.size() + 1) {
            return row == 0 ? " " : "  ";
        }
        return ranked.get(ranked.size() - (int) row).feature();
    }

    /** One of the two scorers as the charts show it. */
    private record Scorer(String label, ScorerEvaluation evaluation, Color colour) {
        static List<Scorer> both(final ReportInput input) {
            return List.of(new Scorer("model (" + input.algorithm() + ")", input.model(), MODEL),
                new Scorer("built-in policy", input.builtInPolicy(), POLICY));
        }
    }
}
