package io.ringfence.models.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The evaluation report: one self-contained HTML page ({@value #HTML_FILE}) with the windows of the protocol, the
 * metrics of the model beside the built-in policy's, and four PNG charts written beside it and linked relatively:
 * ROC curves ({@value #ROC_FILE}), precision-recall curves ({@value #PRECISION_RECALL_FILE}), the model's score
 * distribution by class ({@value #SCORES_FILE}) and the top {@value #TOP_FEATURES} features by importance
 * ({@value #IMPORTANCE_FILE}, left out when no importance is given).
 *
 * <p>The same input writes the same bytes: fixed chart sizes, fonts and colours, no timestamps. Charts are drawn off
 * screen; unless the JVM was told otherwise, loading this class makes AWT headless, so that no display is needed.
 * Only scores and labels are read from the scored transactions: no card reference is written.
 */
public final class EvaluationReport {
    public static final String HTML_FILE = "report.html";
    public static final String ROC_FILE = "roc.png";
    public static final String PRECISION_RECALL_FILE = "pr.png";
    public static final String SCORES_FILE = "scores.png";
    public static final String IMPORTANCE_FILE = "importance.png";
    /** Every chart's width, pixels. */
    public static final int CHART_WIDTH = ReportCharts.WIDTH;
    /** Every chart's height, pixels. */
    public static final int CHART_HEIGHT = ReportCharts.HEIGHT;
    /** How many features the importance chart shows at the most. */
    public static final int TOP_FEATURES = 20;

    private static final String HEADLESS = "java.awt.headless";

    static {
        // A report is written from a command line or a test, often with no display; AWT reads this once, on load.
        if (System.getProperty(HEADLESS) == null) {
            System.setProperty(HEADLESS, "true");
        }
    }

    private EvaluationReport() {
    }

    /**
     * Writes the report into a directory, created if missing; files of the same names are replaced.
     *
     * @return the HTML page's path
     * @throws IOException if a file cannot be written
     */
    public static Path write(final Path directory, final ReportInput input) throws IOException {
        Objects.requireNonNull(input, "input");
        Files.createDirectories(directory);
        ReportCharts.writePng(ReportCharts.roc(input), directory.resolve(ROC_FILE));
        ReportCharts.writePng(ReportCharts.precisionRecall(input), directory.resolve(PRECISION_RECALL_FILE));
        ReportCharts.writePng(ReportCharts.scoreDistribution(input), directory.resolve(SCORES_FILE));
        final List<FeatureImportance> topFeatures = topFeatures(input.featureImportance());
        final Path importance = directory.resolve(IMPORTANCE_FILE);
        if (topFeatures.isEmpty()) {
            // A chart left from an earlier report would show another model's features.
            Files.deleteIfExists(importance);
        } else {
            ReportCharts.writePng(ReportCharts.featureImportance(topFeatures), importance);
        }
        final Path html = directory.resolve(HTML_FILE);
        Files.writeString(html, ReportHtml.render(input, topFeatures), StandardCharsets.UTF_8);
        return html;
    }

    /** The most important features first, at most {@link #TOP_FEATURES}; equal ones in the input's order. */
    static List<FeatureImportance> topFeatures(final List<FeatureImportance> features) {
        final List<FeatureImportance> ranked = new ArrayList<>(features);
        ranked.sort(Comparator.comparingDouble(FeatureImportance::meanAbsoluteContribution).reversed());
        return List.copyOf(ranked.subList(0, Math.min(TOP_FEATURES, ranked.size())));
    }
}
