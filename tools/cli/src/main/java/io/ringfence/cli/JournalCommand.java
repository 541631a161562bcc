package io.ringfence.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ringfence journal}: look into the engine's input and decision journals. */
@Command(name = "journal", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
    description = "Looks into the engine's journals: the input journal (every event, the source of truth) and the"
        + " decision journal (an audit record per decision).",
    subcommands = {DumpCommand.class, StatsCommand.class, VerifyCommand.class, RepairCommand.class})
public final class JournalCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** Without a subcommand: the usage, on the error stream. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return RingfenceCli.USAGE_ERROR;
    }
}
