package io.ringfence.models.report;

import io.ringfence.models.evaluation.Metrics;
import io.ringfence.models.evaluation.ScoredTransaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report written to disk: the page, its charts, what it shows and what it must never show. The timeout guards
 * against XChart's tick layout, which loops until its labels differ.
 */
@Timeout(60)
class EvaluationReportTest {
    private static final List<String> CHARTS = List.of(EvaluationReport.ROC_FILE,
        EvaluationReport.PRECISION_RECALL_FILE, EvaluationReport.SCORES_FILE, EvaluationReport.IMPORTANCE_FILE);

    @TempDir
    Path directory;

    @Test
    void writesThePageAndFourChartsThatDecodeAtTheirSize() throws IOException {
        final Path html = EvaluationReport.write(directory.resolve("report"),
            ReportFixtures.input("lr-2018-06", ReportFixtures.features(30)));
        assertEquals(directory.resolve("report").resolve(EvaluationReport.HTML_FILE), html);
        for (final String chart : CHARTS) {
            final BufferedImage image = ImageIO.read(html.resolveSibling(chart).toFile());
            assertNotNull(image, chart + " decodes");
            assertEquals(EvaluationReport.CHART_WIDTH, image.getWidth(), chart);
            assertEquals(EvaluationReport.CHART_HEIGHT, image.getHeight(), chart);
        }
    }

    @Test
    void thePageLinksEveryChartAndShowsBothScorersMetrics() throws IOException {
        final ReportInput input = ReportFixtures.input("lr-2018-06", ReportFixtures.features(30));
        final String html = Files.readString(EvaluationReport.write(directory, input));
        for (final String chart : CHARTS) {
            assertTrue(html.contains("<img src=\"" + chart + "\""), chart);
        }
        for (final ScorerEvaluation scorer : List.of(input.model(), input.builtInPolicy())) {
            assertTrue(html.contains(fourDecimals(scorer.aucRoc())), "AUC " + scorer.aucRoc());
            assertTrue(html.contains(fourDecimals(scorer.averagePrecision())), "AP " + scorer.averagePrecision());
            assertTrue(html.contains(fourDecimals(scorer.cardPrecisionAt100())), "CP@100");
            assertTrue(html.contains(fourDecimals(scorer.atThreshold().recall())), "recall");
        }
        assertTrue(html.contains("Recall at 0.80"));
        assertTrue(html.contains("2018-04-01 to 2018-06-01 (exclusive), 61 days"), "training window");
        assertTrue(html.contains("2018-06-08 to 2018-06-15 (exclusive), 7 days"), "test window");
        assertTrue(html.contains(String.format(Locale.ROOT, "%,d transactions, %,d fraud", input.testTransactions(),
            input.testFrauds())), "test set");
        assertTrue(html.contains("412 transactions of cards whose fraud was already known"), "removed");
        assertTrue(html.contains("<td>f0</td>") && html.contains("<td>f19</td>") && !html.contains("<td>f20</td>"),
            "the top 20 features and no more");
        assertTrue(html.contains("normalised to its own total"), "the histogram's caption says how it is scaled");
    }

    @Test
    void theReportNeverShowsACardReference() throws IOException {
        final String html = Files.readString(EvaluationReport.write(directory,
            ReportFixtures.input("lr", ReportFixtures.features(3))));
        assertFalse(html.contains(ReportFixtures.CARD_PREFIX));
    }

    @Test
    void textFromTheInputIsEscaped() throws IOException {
        final ReportInput input = ReportFixtures.input("<script>alert(\"x\")</script> & 'co'",
            List.of(new FeatureImportance("amount<b>", 2.0)));
        final String html = Files.readString(EvaluationReport.write(directory, input));
        assertFalse(html.contains("<script>"));
        assertFalse(html.contains("amount<b>"));
        assertTrue(html.contains("<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</h1>"), html);
        assertTrue(html.contains("<td>amount&lt;b&gt;</td>"));
        assertEquals("a&amp;b&lt;c&gt;d&quot;e&#39;f", ReportHtml.escape("a&b<c>d\"e'f"));
    }

    @Test
    void theSameInputWritesTheSameBytes() throws IOException {
        final ReportInput input = ReportFixtures.input("lr", ReportFixtures.features(25));
        final Path first = EvaluationReport.write(directory.resolve("first"), input).getParent();
        final Path second = EvaluationReport.write(directory.resolve("second"), input).getParent();
        for (final String file : List.of(EvaluationReport.HTML_FILE, EvaluationReport.ROC_FILE,
            EvaluationReport.PRECISION_RECALL_FILE, EvaluationReport.SCORES_FILE, EvaluationReport.IMPORTANCE_FILE)) {
            assertArrayEquals(Files.readAllBytes(first.resolve(file)), Files.readAllBytes(second.resolve(file)), file);
        }
    }

    @Test
    void withoutFeatureImportanceThePageSaysSoAndNoStaleChartRemains() throws IOException {
        EvaluationReport.write(directory, ReportFixtures.input("lr", ReportFixtures.features(5)));
        assertTrue(Files.exists(directory.resolve(EvaluationReport.IMPORTANCE_FILE)));
        final String html = Files.readString(EvaluationReport.write(directory, ReportFixtures.input("lr", List.of())));
        assertFalse(Files.exists(directory.resolve(EvaluationReport.IMPORTANCE_FILE)));
        assertFalse(html.contains(EvaluationReport.IMPORTANCE_FILE));
        assertTrue(html.contains("No feature importance was given"));
    }

    @Test
    void aTestSetWithOneClassIsRefusedClearly() {
        final List<ScoredTransaction> genuineOnly = List.of(new ScoredTransaction("a", "c1", 0L, 0.1, false),
            new ScoredTransaction("b", "c2", 0L, 0.4, false));
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> new ScorerEvaluation(0.5, 0.5, 0.0, Metrics.atThreshold(genuineOnly,
                0.8), genuineOnly));
        assertEquals("the report needs both classes in the test set: it holds 0 frauds and 2 genuine transactions",
            refused.getMessage());
        final List<ScoredTransaction> fraudOnly = List.of(new ScoredTransaction("a", "c1", 0L, 0.9, true));
        assertThrows(IllegalArgumentException.class, () -> new ScorerEvaluation(0.5, 1.0, 0.01,
            Metrics.atThreshold(fraudOnly, 0.8), fraudOnly));
        assertThrows(IllegalArgumentException.class, () -> new ScorerEvaluation(0.5, 1.0, 0.01,
            Metrics.atThreshold(fraudOnly, 0.8), List.of()));
    }

    @Test
    void theTwoScorersMustShareTheirTestSet() {
        final ReportInput input = ReportFixtures.input("lr", List.of());
        final ScorerEvaluation smaller = ReportFixtures.evaluation(input.builtInPolicy().test().subList(0, 3_000));
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> new ReportInput("lr", "logistic", "v1", "schema", ReportFixtures.WINDOW, 0, input.model(), smaller,
                List.of()));
        assertTrue(refused.getMessage().contains("same test set"), refused.getMessage());
    }

    private static String fourDecimals(final double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
