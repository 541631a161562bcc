package io.ringfence.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes latency histograms out: as HdrHistogram percentile distributions ({@code .hgrm}, values in
 * microseconds, readable by HdrHistogram's plotter) and as a percentile plot (PNG).
 *
 * <p>The plot is the usual one for latency: x is the percentile on a log scale of {@code 1/(1-p)}, so 90%, 99%,
 * 99.9% and 99.99% are equally spaced and the tail gets the room; y is the latency in microseconds. The
 * percentiles are marked by labelled vertical guides.
 */
final class LatencyFiles {
    /** Percentile reporting ticks per half distance, as in HdrHistogram's own output. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;
    private static final double NANOS_PER_MICRO = 1_000.0;
    /** The x axis always reaches 99.99%. */
    private static final double MIN_DECADES = 4;
    /** Room right of the last guide for its label. */
    private static final double RIGHT_MARGIN_DECADES = 0.3;

    static {
        // Charts are drawn off screen; no display needed, nor wanted on a server.
        System.setProperty("java.awt.headless", "true");
    }

    private LatencyFiles() {
    }

    /** Writes the percentile distribution of {@code nanos} to {@code file}, in microseconds. */
    static void writeHgrm(final Histogram nanos, final Path file) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.US_ASCII)) {
            nanos.outputPercentileDistribution(out, TICKS_PER_HALF_DISTANCE, NANOS_PER_MICRO);
            if (out.checkError()) {
                throw new IOException("could not write " + file);
            }
        }
    }

    /**
     * Plots each named histogram of nanoseconds as one percentile curve into a PNG at {@code file}. Empty
     * histograms are left out.
     */
    static void writePlot(final String title, final Map<String, Histogram> curves, final Path file)
        throws IOException {
        final XYChart chart = new XYChartBuilder().width(960).height(600).title(title)
            .xAxisTitle("Percentile (log scale of 1/(1-p))").yAxisTitle("Latency (µs)").build();
        double highestX = MIN_DECADES;
        double highestY = 1.0;
        for (final Map.Entry<String, Histogram> curve : curves.entrySet()) {
            final List<Double> x = new ArrayList<>();
            final List<Double> y = new ArrayList<>();
            for (final HistogramIterationValue value : curve.getValue().percentiles(TICKS_PER_HALF_DISTANCE)) {
                final double fraction = value.getPercentileLevelIteratedTo() / 100.0;
                if (fraction >= 1.0) {
                    break;
                }
                x.add(decades(fraction));
                y.add(curve.getValue().highestEquivalentValue(value.getValueIteratedTo()) / NANOS_PER_MICRO);
            }
            if (x.isEmpty()) {
                continue;
            }
            highestX = Math.max(highestX, Math.ceil(x.get(x.size() - 1)));
            highestY = Math.max(highestY, y.get(y.size() - 1));
            chart.addSeries(curve.getKey(), x, y).setMarker(SeriesMarkers.NONE);
        }
        final double top = highestY * 1.1;
        chart.getStyler()
            .setXAxisMin(0.0)
            .setXAxisMax(highestX + RIGHT_MARGIN_DECADES)
            .setYAxisMin(0.0)
            .setYAxisMax(top)
            .setXAxisTicksVisible(false)
            .setPlotGridVerticalLinesVisible(false)
            .setLegendPosition(Styler.LegendPosition.InsideSE)
            .setChartBackgroundColor(Color.WHITE);
        // The x axis is labelled by hand: tick labels there would be decades of 1/(1-p), not percentiles.
        addPercentileGuide(chart, decades(0.5), "50%", top);
        for (int decade = 1; decade <= highestX; decade++) {
            addPercentileGuide(chart, decade, percentileName(decade), top);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /** The percentile {@code 1 - 10^-decade} as people write it: 90%, 99%, 99.9%, 99.99%. */
    static String percentileName(final int decade) {
        return decade == 1 ? "90%" : "99" + (decade == 2 ? "" : "." + "9".repeat(decade - 2)) + "%";
    }

    /** Where percentile {@code fraction} sits on the plot's x axis: {@code log10(1/(1-p))}. */
    static double decades(final double fraction) {
        return Math.log10(1.0 / (1.0 - fraction));
    }

    private static void addPercentileGuide(final XYChart chart, final double x, final String label,
        final double top) {
        chart.addAnnotation(new AnnotationLine(x, true, false));
        chart.addAnnotation(new AnnotationText(label, x, top * 0.97, false));
    }
}
