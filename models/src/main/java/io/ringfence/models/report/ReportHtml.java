package io.ringfence.models.report;

import io.ringfence.models.evaluation.Curves;
import io.ringfence.models.evaluation.EvaluationWindow;
import io.ringfence.models.evaluation.ThresholdMetrics;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The report's HTML page: one file, styles inline, charts linked by relative file name. Every text that comes from
 * the input passes through {@link #escape}.
 */
final class ReportHtml {
    private static final String STYLE = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; margin: 2rem auto;
               max-width: 860px; padding: 0 1rem; line-height: 1.45; }
        h1 { margin-bottom: 0.2rem; }
        h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
        .subtitle { color: #666; margin-top: 0; }
        table { border-collapse: collapse; margin: 0.8rem 0; }
        th, td { padding: 0.3rem 0.8rem; border-bottom: 1px solid #e4e4e4; text-align: left; }
        td.number { text-align: right; font-variant-numeric: tabular-nums; }
        thead th { border-bottom: 2px solid #bbb; }
        figure { margin: 1rem 0; }
        figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
        figcaption { color: #444; font-size: 0.92rem; margin-top: 0.4rem; }
        .note { color: #555; font-size: 0.92rem; }
        """;

    private ReportHtml() {
    }

    static String render(final ReportInput input, final List<FeatureImportance> topFeatures) {
        final StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .append(escape(input.title())).append(" \u2014 evaluation report</title>\n<style>\n").append(STYLE)
            .append("</style>\n</head>\n<body>\n<h1>").append(escape(input.title())).append("</h1>\n")
            .append("<p class=\"subtitle\">Evaluation report: the model beside the engine's built-in policy, by the"
                + " Fraud Detection Handbook's protocol.</p>\n");
        summary(html, input);
        protocol(html, input);
        metrics(html, input);
        charts(html, input, topFeatures);
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    /** Text made safe for HTML element content and attribute values. */
    static String escape(final String text) {
        final StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static void summary(final StringBuilder html, final ReportInput input) {
        final EvaluationWindow window = input.window();
        html.append("<table class=\"facts\">\n");
        fact(html, "Algorithm", orDash(input.algorithm()));
        fact(html, "Model version", orDash(input.modelVersion()));
        fact(html, "Feature schema", orDash(input.featureSchemaId()));
        fact(html, "Training window", period(window.trainFrom().toString(), window.trainTo().toString(),
            ChronoUnit.DAYS.between(window.trainFrom(), window.trainTo())));
        fact(html, "Feedback delay", days(window.feedbackDelayDays()));
        fact(html, "Test window", period(window.testFrom().toString(), window.testTo().toString(),
            ChronoUnit.DAYS.between(window.testFrom(), window.testTo())));
        fact(html, "Test set", String.format(Locale.ROOT, "%,d transactions, %,d fraud (%.3f %%)",
            input.testTransactions(), input.testFrauds(), 100.0 * input.testFrauds() / input.testTransactions()));
        fact(html, "Removed from the test window", String.format(Locale.ROOT,
            "%,d transactions of cards whose fraud was already known", input.removedKnownCardTransactions()));
        html.append("</table>\n");
    }

    private static void protocol(final StringBuilder html, final ReportInput input) {
        final EvaluationWindow window = input.window();
        final long gap = ChronoUnit.DAYS.between(window.trainTo(), window.testFrom());
        html.append("<h2>Protocol</h2>\n<p>")
            .append(String.format(Locale.ROOT, "The model learned from the transactions of %s to %s (exclusive)."
                    + " Labels reach the engine only as fraud reports arriving %s after the transaction. The test"
                    + " window, %s to %s (exclusive), starts %s after training ends.",
                window.trainFrom(), window.trainTo(), days(window.feedbackDelayDays()), window.testFrom(),
                window.testTo(), days(gap)))
            .append("</p>\n<p>")
            .append(String.format(Locale.ROOT, "Each test day drops the transactions of cards whose fraud is already"
                    + " known that day: the cards with a fraud in the training window, then, day by day, the cards"
                    + " with a fraud reported by then (%s or more before the test day). That removed %,d"
                    + " transactions; %,d remain, of which %,d are fraud.",
                days(window.feedbackDelayDays() + 1L), input.removedKnownCardTransactions(), input.testTransactions(),
                input.testFrauds()))
            .append("</p>\n<p>The model and the built-in policy (the engine's own decision score, over 1000) are"
                + " measured on the same remaining transactions. AUC ROC and average precision are computed per"
                + " transaction. Card precision@100 takes, each test day, the 100 cards with the highest score that"
                + " day and counts the share that are fraudulent; cards found on an earlier day leave the later days;"
                + " the figure is the mean over the test days.</p>\n");
    }

    private static void metrics(final StringBuilder html, final ReportInput input) {
        final ScorerEvaluation model = input.model();
        final ScorerEvaluation policy = input.builtInPolicy();
        final String threshold = String.format(Locale.ROOT, "%.2f", model.atThreshold().threshold());
        html.append("<h2>Metrics</h2>\n<table class=\"metrics\">\n<thead><tr><th>Metric</th><th>Model (")
            .append(escape(orDash(input.algorithm()))).append(")</th><th>Built-in policy</th></tr></thead>\n<tbody>\n");
        metricRow(html, "AUC ROC", model.aucRoc(), policy.aucRoc(), "%.4f");
        metricRow(html, "Average precision", model.averagePrecision(), policy.averagePrecision(), "%.4f");
        metricRow(html, "Card precision@100", model.cardPrecisionAt100(), policy.cardPrecisionAt100(), "%.4f");
        thresholdRow(html, "Precision at " + threshold, model, policy, m -> rate(m.precision(), "%.4f"));
        thresholdRow(html, "Recall at " + threshold, model, policy, m -> rate(m.recall(), "%.4f"));
        thresholdRow(html, "False-positive rate at " + threshold, model, policy,
            m -> rate(m.falsePositiveRate(), "%.5f"));
        thresholdRow(html, "Flagged at " + threshold, model, policy, m -> String.format(Locale.ROOT,
            "%,d fraud, %,d genuine", m.truePositives(), m.falsePositives()));
        html.append("</tbody>\n</table>\n<p class=\"note\">A transaction scored at or above the threshold counts as"
            + " flagged; ").append(threshold).append(" is the engine's decline threshold. Precision is 1 when"
            + " nothing is flagged.</p>\n");
    }

    private static void charts(final StringBuilder html, final ReportInput input,
                               final List<FeatureImportance> topFeatures) {
        figure(html, "ROC curve", EvaluationReport.ROC_FILE, "ROC curves of the model and the built-in policy",
            "True-positive rate against false-positive rate as the threshold falls, one point per distinct score"
                + " (at most " + Curves.PLOT_POINTS + " drawn, evenly along the curve)."
                + " The dashed diagonal is a random ranking; dots mark the decline threshold.");
        figure(html, "Precision-recall curve", EvaluationReport.PRECISION_RECALL_FILE,
            "Precision-recall curves of the model and the built-in policy",
            "Precision against recall as the threshold falls, drawn as steps whose area is the average precision."
                + " The dashed line is the fraud base rate, the precision of flagging at random; dots mark the"
                + " decline threshold.");
        figure(html, "Score distribution by class", EvaluationReport.SCORES_FILE,
            "Histogram of the model's scores, genuine and fraud",
            String.format(Locale.ROOT, "The model's scores on the test set in %d bins of width %.2f. Each class is"
                + " normalised to its own total (a bin's height is the share of that class's transactions scored in"
                + " it), so the rare fraud class shows as plainly as the genuine one; the heights of the two classes"
                + " are shares, not counts.", ReportCharts.HISTOGRAM_BINS, 1.0 / ReportCharts.HISTOGRAM_BINS));
        if (topFeatures.isEmpty()) {
            html.append("<h2>Feature importance</h2>\n<p>No feature importance was given for this model.</p>\n");
            return;
        }
        figure(html, "Feature importance", EvaluationReport.IMPORTANCE_FILE,
            "Bar chart of the model's most important features",
            String.format(Locale.ROOT, "The %d features that move the model's score most, by the mean absolute"
                + " contribution of the feature to the score, in score points.",
                topFeatures.size()));
        html.append("<table class=\"features\">\n<thead><tr><th>Rank</th><th>Feature</th>"
            + "<th>Mean absolute contribution</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < topFeatures.size(); i++) {
            final FeatureImportance feature = topFeatures.get(i);
            html.append("<tr><td class=\"number\">").append(i + 1).append("</td><td>")
                .append(escape(feature.feature())).append("</td><td class=\"number\">")
                .append(String.format(Locale.ROOT, "%.4f", feature.meanAbsoluteContribution()))
                .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static void figure(final StringBuilder html, final String heading, final String file, final String alt,
                               final String caption) {
        html.append("<h2>").append(escape(heading)).append("</h2>\n<figure><img src=\"").append(escape(file))
            .append("\" width=\"").append(EvaluationReport.CHART_WIDTH).append("\" height=\"")
            .append(EvaluationReport.CHART_HEIGHT).append("\" alt=\"").append(escape(alt))
            .append("\">\n<figcaption>").append(escape(caption)).append("</figcaption></figure>\n");
    }

    private static void fact(final StringBuilder html, final String name, final String value) {
        html.append("<tr><th>").append(escape(name)).append("</th><td>").append(escape(value)).append("</td></tr>\n");
    }

    private static void metricRow(final StringBuilder html, final String name, final double model,
                                  final double policy, final String format) {
        row(html, name, rate(model, format), rate(policy, format));
    }

    private static void thresholdRow(final StringBuilder html, final String name, final ScorerEvaluation model,
                                     final ScorerEvaluation policy, final Function<ThresholdMetrics, String> value) {
        row(html, name, value.apply(model.atThreshold()), value.apply(policy.atThreshold()));
    }

    private static void row(final StringBuilder html, final String name, final String model, final String policy) {
        html.append("<tr><th>").append(escape(name)).append("</th><td class=\"number\">").append(escape(model))
            .append("</td><td class=\"number\">").append(escape(policy)).append("</td></tr>\n");
    }

    private static String rate(final double value, final String format) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, format, value);
    }

    private static String period(final String from, final String toExclusive, final long days) {
        return from + " to " + toExclusive + " (exclusive), " + days(days);
    }

    private static String days(final long days) {
        return days == 1 ? "1 day" : days + " days";
    }

    private static String orDash(final String text) {
        return text.isBlank() ? "\u2014" : text;
    }
}
