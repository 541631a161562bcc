package io.ringfence.cli;

import io.ringfence.models.rules.RulesBacktest;
import io.ringfence.models.rules.RulesCheck;
import io.ringfence.models.rules.RulesRefusedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;

/** {@code ringfence rules}: check a rules file, and backtest it on history. */
@Command(name = "rules", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
    description = "Checks a rules file, or backtests it on a CSV replay file, before an engine loads it.",
    subcommands = {RulesCommand.Check.class, RulesCommand.Backtest.class})
public final class RulesCommand implements Callable<Integer> {
    /** Exit code for a rules file that does not compile, as for any bad input a tool is given. */
    static final int RULES_REFUSED = RingfenceCli.USAGE_ERROR;

    @Spec
    private CommandSpec spec;

    /** Without a subcommand: the usage, on the error stream. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return RingfenceCli.USAGE_ERROR;
    }

    /** The compiler's one line, {@code FILE:LINE:COL: message} (card-number-like digits already masked). */
    static int refused(final CommandSpec spec, final RulesRefusedException e) {
        spec.commandLine().getErr().println(CommandFailures.oneLine(e.getMessage()));
        spec.commandLine().getErr().flush();
        return RULES_REFUSED;
    }

    /** {@code ringfence rules check FILE}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Compiles a rules file as the engine would and prints its rule and list counts.",
            "A file that does not compile gets one line, FILE:LINE:COL: message, and exit code 2."})
    static final class Check implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The rules file.")
        private Path file;

        @Override
        public Integer call() {
            final RulesCheck.Summary summary;
            try {
                summary = RulesCheck.check(file);
            } catch (final RulesRefusedException e) {
                return refused(spec, e);
            }
            spec.commandLine().getOut().println(file + ": " + summary.text());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code ringfence rules backtest}. */
    @Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"What a rules file would have done: replays a CSV file without and with the rules (history"
            + " before --from warms the state; labels arrive as fraud reports after the feedback delay, as in"
            + " evaluate) and reports per rule its hits, fraud and genuine hits, precision, fraud amount caught and"
            + " genuine amount blocked, then the decline rate and fraud recall without and with the rules."})
    static final class Backtest implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--rules", paramLabel = "FILE", required = true, description = "The rules file.")
        private Path rules;

        @Option(names = "--data", paramLabel = "CSV", required = true, description = "The CSV replay file, with"
            + " labels.")
        private Path data;

        @Option(names = "--from", paramLabel = "DATE", required = true, converter = DayArgument.class,
            description = "First day of the backtest, UTC, yyyy-mm-dd.")
        private LocalDate from;

        @Option(names = "--to", paramLabel = "DATE", required = true, converter = DayArgument.class,
            description = "The day after the last day (exclusive), UTC, yyyy-mm-dd.")
        private LocalDate to;

        @Mixin
        private ModelOption model;

        @Option(names = "--feedback-delay", paramLabel = "DELAY", defaultValue = FeedbackDelay.DEFAULT,
            converter = FeedbackDelay.class, description = "When fraud reports arrive after the fraud (default"
                + " ${DEFAULT-VALUE}; like 7d, 36h).")
        private Duration feedbackDelay;

        @Option(names = "--json", description = "Print one JSON object: rules (per rule) and overall.")
        private boolean json;

        @Override
        public Integer call() {
            if (!from.isBefore(to)) {
                throw new ParameterException(spec.commandLine(), "--to " + to + " must be after --from " + from
                    + " (--to is exclusive)");
            }
            final RulesBacktest.Outcome outcome;
            try {
                outcome = RulesBacktest.run(new RulesBacktest.Request(rules, data, from, to, model.directory(),
                    feedbackDelay));
            } catch (final RulesRefusedException e) {
                return refused(spec, e);
            } catch (final IOException e) {
                return CommandFailures.report(spec, CommandFailures.describe(e));
            }
            spec.commandLine().getOut().print(json ? outcome.json() + System.lineSeparator() : outcome.text());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
