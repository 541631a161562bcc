package io.ringfence.load;

import io.ringfence.load.BenchReport.RunDescription;
import io.ringfence.load.LoadHarness.BenchSettings;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One {@code ringfence bench} run: starts the harness, warms up, measures one rate or sweeps rates, writes the
 * {@code .hgrm} histograms and the percentile plot to the output directory, and returns the report.
 *
 * @param settings the engine and traffic the harness runs
 * @param warmUp   how long to send at the first rate before measuring; zero for none
 * @param out      the directory for the histograms and the plot, created if missing
 * @param json     whether the report is one JSON object rather than a table
 */
public record BenchRun(BenchSettings settings, Duration warmUp, Path out, boolean json) {
    /**
     * Measures {@code rate} for {@code duration}.
     *
     * @throws IOException           when the output directory cannot be written
     * @throws IllegalStateException when the engine cannot start
     */
    public String measure(final long rate, final Duration duration) throws IOException {
        Files.createDirectories(out);
        try (LoadHarness harness = LoadHarness.start(settings)) {
            warmUp(harness, rate);
            final PhaseResult result = harness.run(rate, duration);
            final List<String> files = new ArrayList<>();
            files.add(write(result.latency(), "latency.hgrm"));
            if (result.flagsBlocked().getTotalCount() > 0) {
                files.add(write(result.flagsBlocked(), "flag-to-block.hgrm"));
            }
            final Map<String, Histogram> curves = new LinkedHashMap<>();
            curves.put(String.format(Locale.ROOT, "decisions at %,d/s", rate), result.latency());
            files.add(plot(String.format(Locale.ROOT, "Ringfence latency, open loop at %,d/s (coordinated omission"
                + " corrected)", rate), curves));
            final RunDescription description = describe(harness);
            return json ? BenchReport.json(description, result, files) + System.lineSeparator()
                : BenchReport.text(description, result, files);
        }
    }

    /**
     * Steps the rate up until p99 passes {@code p99BoundMicros}, telling {@code progress} of each step.
     *
     * @throws IOException           when the output directory cannot be written
     * @throws IllegalStateException when the engine cannot start
     */
    public String sweep(final Sweep.Rates rates, final Duration stepDuration, final double p99BoundMicros,
        final Consumer<PhaseResult> progress) throws IOException {
        Files.createDirectories(out);
        try (LoadHarness harness = LoadHarness.start(settings)) {
            warmUp(harness, rates.start());
            final Sweep result = Sweep.run(harness, rates, stepDuration, p99BoundMicros, progress);
            final List<String> files = new ArrayList<>();
            final Map<String, Histogram> curves = new LinkedHashMap<>();
            for (final PhaseResult stepResult : result.steps()) {
                files.add(write(stepResult.latency(), "latency-" + stepResult.ratePerSecond() + ".hgrm"));
                curves.put(String.format(Locale.ROOT, "%,d/s", stepResult.ratePerSecond()), stepResult.latency());
            }
            files.add(plot(String.format(Locale.ROOT, "Ringfence latency by rate, open loop (p99 bound %,.0f us)",
                p99BoundMicros), curves));
            final RunDescription description = describe(harness);
            return json ? BenchReport.json(description, result, files) + System.lineSeparator()
                : BenchReport.text(description, result, files);
        }
    }

    private void warmUp(final LoadHarness harness, final long rate) {
        if (!warmUp.isZero()) {
            harness.run(rate, warmUp);
        }
    }

    private RunDescription describe(final LoadHarness harness) {
        return new RunDescription(harness.threading(), settings.cards(), settings.target() != null ? "the server's"
            : settings.journal() == null ? "off" : settings.durability().name(), harness.waitStrategy(),
            harness.scorerVersion());
    }

    private String write(final Histogram histogram, final String name) throws IOException {
        final Path file = out.resolve(name);
        LatencyFiles.writeHgrm(histogram, file);
        return file.toString();
    }

    private String plot(final String title, final Map<String, Histogram> curves) throws IOException {
        final Path file = out.resolve("latency.png");
        LatencyFiles.writePlot(title, curves, file);
        return file.toString();
    }
}
