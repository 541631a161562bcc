package io.ringfence.cli;

import io.ringfence.models.ModelEvaluation.EvaluationRefusedException;
import io.ringfence.models.ModelEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ringfence evaluate}: a trained model on a test window by the handbook's protocol, beside the built-in policy
 * ({@link ModelEvaluation} does the work).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Evaluates a trained model on a test window of a CSV replay file, following the handbook protocol: the"
            + " training window (from the model's manifest) is followed by the feedback delay, and each test day drops"
            + " the cards whose fraud is known by then.",
        "Reports AUC ROC, average precision, card precision@100 and precision, recall and false-positive rate at"
            + " the engine's decline threshold (0.8), for the model and for the built-in policy."})
public final class EvaluateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", required = true, description = "A model directory from train.")
    private Path model;

    @Option(names = "--data", paramLabel = "FILE", required = true, description = "The CSV replay file, with labels.")
    private Path data;

    @Option(names = "--from", paramLabel = "DATE", required = true, converter = DayArgument.class,
        description = "First test day, UTC, yyyy-mm-dd (not before the model's training window ends).")
    private LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", required = true, converter = DayArgument.class,
        description = "The day after the last test day (exclusive), UTC, yyyy-mm-dd.")
    private LocalDate to;

    @Option(names = "--feedback-delay", paramLabel = "DELAY", defaultValue = FeedbackDelay.DEFAULT,
        converter = FeedbackDelay.class, description = "When fraud reports arrive after the fraud (default"
            + " ${DEFAULT-VALUE}; like 7d, 36h); rounded up to whole days for the test-set rule.")
    private Duration feedbackDelay;

    @Option(names = "--json", description = "Print the model's metrics as one JSON object.")
    private boolean json;

    @Option(names = "--scores-out", paramLabel = "FILE", description = "Write id,score for every transaction of the"
        + " test window.")
    private Path scoresOut;

    @Option(names = "--report", paramLabel = "DIR", description = "Where to write the HTML report and its charts"
        + " (ROC and precision-recall curves, score distribution by class, feature importance; default: the"
        + " evaluation directory inside the model directory, replaced).")
    private Path report;

    @Override
    public Integer call() {
        CommandFailures.quietTribuo();
        if (!from.isBefore(to)) {
            throw new ParameterException(spec.commandLine(), "--to " + to + " must be after --from " + from
                + " (--to is exclusive)");
        }
        final ModelEvaluation.Request request = new ModelEvaluation.Request(model, data, from, to, feedbackDelay,
            scoresOut, report);
        final ModelEvaluation.Outcome outcome;
        try {
            final ModelEvaluation.Subject subject;
            try {
                subject = ModelEvaluation.subject(request);
            } catch (final IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--from " + from + " is before the model's training"
                    + " window ends: " + e.getMessage());
            }
            outcome = ModelEvaluation.run(request, subject);
        } catch (final IOException e) {
            return CommandFailures.report(spec, CommandFailures.describe(e));
        } catch (final EvaluationRefusedException e) {
            return CommandFailures.report(spec, e.getMessage());
        }
        final var out = spec.commandLine().getOut();
        if (json) {
            out.println(outcome.json());
        } else {
            final var window = outcome.subject().window();
            out.printf(Locale.ROOT, "test %s to %s (exclusive) after training %s to %s and a %d-day delay:"
                    + " %,d transactions (%,d fraud), %,d of known-fraud cards removed; replayed and scored in %.1f s%n",
                from, to, window.trainFrom(), window.trainTo(), window.feedbackDelayDays(),
                outcome.modelSplit().test().size(), outcome.testFrauds(), outcome.modelSplit().removedFromTest(),
                outcome.seconds());
            if (outcome.replay().rejected() > 0) {
                out.println(outcome.replay().refusals().describe());
            }
            out.printf(Locale.ROOT, "model %-9s %s%n", outcome.algorithm(), outcome.model().text());
            out.printf(Locale.ROOT, "built-in policy %s%n", outcome.policy().text());
            out.printf(Locale.ROOT, "flags, model in the engine: %s%n", outcome.modelFlags().text());
            out.printf(Locale.ROOT, "flags, built-in policy: %s%n", outcome.policyFlags().text());
            out.printf(Locale.ROOT, "report %s%n", outcome.reportPage());
        }
        out.flush();
        return 0;
    }
}
