package io.ringfence.cli;

import io.ringfence.api.JournalConfig;
import io.ringfence.cli.RingfenceCli;
import io.ringfence.features.FeatureSchema;
import io.ringfence.scoring.LinearModelScorer;
import io.ringfence.scoring.ServingModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ringfence bench}: short smoke runs of the real thing (the CI smoke run) and its command-line errors.
 * Nothing here asserts a time: the deadline is long, so every answer is a real decision however slow the machine.
 */
class BenchCommandTest {
    private static final Pattern HGRM_TOTAL = Pattern.compile("#\\[Max\\s*=\\s*([\\d.]+), Total count\\s*=\\s*(\\d+)]");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args) {
        return RingfenceCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void aShortRunPrintsEveryPercentileAndWritesAReadableHistogramAndPlot() throws IOException {
        final Path outDir = dir.resolve("bench-out");
        assertEquals(0, run("bench", "--rate", "2000", "--duration", "1s", "--warm-up", "0", "--cards", "1000",
            "--deadline", "10s", "--out", outDir.toString()), err.toString());
        final String table = out.toString();
        for (final String row : List.of("p50", "p90", "p99", "p99.9", "p99.99", "max")) {
            assertTrue(Pattern.compile("(?m)^  " + Pattern.quote(row) + " +[\\d.]+ +[\\d.]+ +[\\d.]+$").matcher(table)
                .find(), row + " row missing from:\n" + table);
        }
        assertTrue(table.contains("2,000 sent, all answered"), table);
        assertTrue(table.contains("Stand-ins       0"), table);
        assertTrue(table.contains("Achieved rate"), table);
        assertTrue(table.contains("one load agent, threading "), table);
        assertTrue(table.contains("Agent hiccups") && table.contains("CPU steal"), table);
        final Matcher flags = Pattern.compile("Flag-to-block +(\\d+) flags injected, (\\d+) blocked").matcher(table);
        assertTrue(flags.find(), table);
        assertTrue(Integer.parseInt(flags.group(2)) > 0, table);
        assertEquals(flags.group(1), flags.group(2), "with a long deadline every probe is blocked: " + table);

        final Matcher hgrm = HGRM_TOTAL.matcher(Files.readString(outDir.resolve("latency.hgrm")));
        assertTrue(hgrm.find(), "no totals line in latency.hgrm");
        assertEquals(2_000, Long.parseLong(hgrm.group(2)), "one latency per request of 2,000/s for 1 s");
        assertTrue(Double.parseDouble(hgrm.group(1)) > 0);
        assertTrue(Files.exists(outDir.resolve("flag-to-block.hgrm")));

        final BufferedImage plot = ImageIO.read(outDir.resolve("latency.png").toFile());
        assertNotNull(plot, "latency.png does not decode");
        assertEquals(960, plot.getWidth());
    }

    @Test
    void aSweepStepsUpTheRateAndReportsTheHighestWithinTheBound() throws IOException {
        final Path outDir = dir.resolve("sweep-out");
        assertEquals(0, run("bench", "--sweep", "--start-rate", "500", "--step-factor", "2", "--max-rate", "2000",
            "--step-duration", "300ms", "--p99-bound", "100000000", "--warm-up", "0", "--cards", "1000",
            "--deadline", "10s", "--journal", dir.resolve("journal").toString(), "--durability", "PROCESS_CRASH",
            "--snapshot-interval", "100ms", "--out", outDir.toString(), "--json"), err.toString());
        final String json = out.toString().strip();
        assertEquals(1, json.lines().count(), json);
        assertTrue(json.startsWith("{\"mode\":\"sweep\""), json);
        assertEquals(3, json.split("\"withinBound\":true", -1).length - 1, "three steps, all within: " + json);
        assertTrue(json.contains("\"highestSustainableRate\":2000"), json);
        assertTrue(json.contains("\"journal\":\"PROCESS_CRASH\""), json);
        for (final String rate : List.of("500", "1000", "2000")) {
            final Matcher hgrm = HGRM_TOTAL.matcher(Files.readString(outDir.resolve("latency-" + rate + ".hgrm")));
            assertTrue(hgrm.find(), "no totals line for " + rate);
            assertEquals(Long.parseLong(rate) * 3 / 10, Long.parseLong(hgrm.group(2)), "requests at " + rate + "/s");
        }
        assertNotNull(ImageIO.read(outDir.resolve("latency.png").toFile()));
        assertTrue(Files.list(dir.resolve("journal")).findAny().isPresent(), "nothing journaled");
        try (var snapshots = Files.list(JournalConfig.in(dir.resolve("journal")).snapshotDirectory())) {
            assertTrue(snapshots.anyMatch(f -> f.toString().endsWith(".snap")), "no snapshot written under load");
        }
    }

    @Test
    void helpDescribesTheOptions() {
        assertEquals(0, run("bench", "--help"));
        for (final String option : List.of("--rate", "--duration", "--warm-up", "--cards", "--journal",
            "--durability", "--snapshot-interval", "--threading", "--pin", "--wait-strategy", "--out", "--json",
            "--sweep", "--p99-bound", "--start-rate", "--step-factor", "--step", "--max-rate", "--step-duration")) {
            assertTrue(out.toString().contains(option), option + " missing from:\n" + out);
        }
    }

    @Test
    void aRunScoresWithTheModelItIsGivenAndSaysSo() throws IOException {
        final Path model = dir.resolve("model");
        Files.createDirectories(model);
        ServingModels.write(model.resolve(ServingModels.FILE_NAME), new LinearModelScorer("bench-test/linear",
            FeatureSchema.ID, -4.0, new double[FeatureSchema.SIZE], null, null));
        assertEquals(0, run("bench", "--rate", "1000", "--duration", "1s", "--warm-up", "0", "--cards", "1000",
            "--deadline", "10s", "--model", model.toString(), "--out", dir.resolve("out").toString()), err.toString());
        assertTrue(out.toString().contains("scorer bench-test/linear"), out.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "bench;                                              --rate",
        "bench --rate 0;                                     --rate",
        "bench --rate many;                                  --rate",
        "bench --rate 100 --duration 5x;                     --duration",
        "bench --rate 100 --duration 0;                      --duration",
        "bench --rate 100 --snapshot-interval 1s;            --snapshot-interval",
        "bench --rate 100 --threading FAST;                  --threading",
        "bench --rate 100 --cards 5;                         --cards",
        "bench --rate 100 --flag-rate -1;                    --flag-rate",
        "bench --rate 100 --wait-strategy FAST;              --wait-strategy",
        "bench --rate 100 --durability POWER_LOSS;           --durability",
        "bench --rate 100 --p99-bound 500;                   --sweep",
        "bench --rate 100 --sweep;                           --rate",
        "bench --sweep --duration 5s;                        --duration",
        "bench --sweep --step 10 --step-factor 2;            --step",
        "bench --sweep --step-factor 1;                      --step-factor",
        "bench --sweep --start-rate 5000 --max-rate 100;     --max-rate",
        "bench --rate 100 --deadline 0;                      --deadline",
        "bench --rate 100 --model /nonexistent/model;        --model",
    })
    void aBadCommandLineGetsOneLineNamingTheProblemAndExitCodeTwo(final String commandLine, final String named) {
        assertEquals(RingfenceCli.USAGE_ERROR, run(commandLine.split(" ")));
        final String message = err.toString();
        assertEquals(1, message.lines().count(), "not one line: " + message);
        assertTrue(message.contains(named), "does not name " + named + ": " + message);
        assertEquals("", out.toString());
    }

    @Test
    void aDirectoryThatAlreadyHoldsAJournalIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("input"));
        assertEquals(RingfenceCli.USAGE_ERROR, run("bench", "--rate", "100", "--journal", dir.toString()));
        assertTrue(err.toString().contains("--journal"), err.toString());
    }
}
