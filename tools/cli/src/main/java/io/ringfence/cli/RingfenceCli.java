package io.ringfence.cli;

import io.ringfence.api.CardNumbers;
import io.ringfence.cli.BenchCommand;
import io.ringfence.cli.DemoCommand;
import io.ringfence.cli.EvaluateCommand;
import io.ringfence.cli.GenerateCommand;
import io.ringfence.cli.JournalCommand;
import io.ringfence.cli.ReplayCommand;
import io.ringfence.cli.TrainCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The {@code ringfence} command line. */
@Command(name = "ringfence", mixinStandardHelpOptions = true, versionProvider = RingfenceCli.Version.class,
    synopsisSubcommandLabel = "COMMAND",
    description = "Ringfence: a low-latency card fraud and authorization engine.",
    subcommands = {DemoCommand.class, GenerateCommand.class, JournalCommand.class, ReplayCommand.class,
        TrainCommand.class, EvaluateCommand.class, RulesCommand.class, BenchCommand.class, ServeCommand.class,
        KeygenCommand.class})
public final class RingfenceCli implements Callable<Integer> {
    /** Exit code for a command line the tool cannot make sense of. */
    public static final int USAGE_ERROR = 2;
    /** Held so the logging configuration is not garbage collected with a weakly referenced logger. */
    private static final Logger ENGINE_LOGGER = Logger.getLogger("io.ringfence");
    private static final Logger CHRONICLE_LOGGER = Logger.getLogger("net.openhft");

    @Spec
    private CommandSpec spec;

    public static void main(final String[] args) {
        // The engine logs its start and stop, Chronicle its start-up banner, at INFO: noise around a tool's output.
        ENGINE_LOGGER.setLevel(Level.WARNING);
        CHRONICLE_LOGGER.setLevel(Level.WARNING);
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs a command line, writing to the given streams; returns the exit code. */
    public static int run(final PrintWriter out, final PrintWriter err, final String... args) {
        final CommandLine commandLine = new CommandLine(new RingfenceCli())
            .setOut(out)
            .setErr(err)
            .setParameterExceptionHandler(new OneLineUsageError());
        return commandLine.execute(args);
    }

    /** Without a command: the usage, on the error stream. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE_ERROR;
    }

    /** A bad command line gets one line saying what is wrong and where to look, and exit code 2. */
    static final class OneLineUsageError implements IParameterExceptionHandler {
        @Override
        public int handleParseException(final ParameterException ex, final String[] args) {
            final CommandLine commandLine = ex.getCommandLine();
            final String command = commandLine.getCommandSpec().qualifiedName();
            String message = ex.getMessage() == null ? "bad command line" : ex.getMessage().strip();
            message = message.replaceAll("\\s*\\R\\s*", "; ");
            if (ex instanceof UnmatchedArgumentException unmatched) {
                final var unmatchedArgs = unmatched.getUnmatched();
                if (!commandLine.getSubcommands().isEmpty() && !unmatchedArgs.isEmpty()
                    && !unmatchedArgs.get(0).startsWith("-")) {
                    message = "unknown command '" + unmatchedArgs.get(0) + "'";
                }
                if (!unmatched.getSuggestions().isEmpty()) {
                    message += " (did you mean " + unmatched.getSuggestions().get(0) + "?)";
                }
            }
            commandLine.getErr().println(command + ": " + CardNumbers.maskDigitRuns(CommandFailures.oneLine(message))
                + "; see '" + command + " --help'");
            commandLine.getErr().flush();
            return USAGE_ERROR;
        }
    }

    /** The version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            final String version = RingfenceCli.class.getPackage().getImplementationVersion();
            return new String[] {"ringfence " + (version == null ? "development" : version)};
        }
    }
}
