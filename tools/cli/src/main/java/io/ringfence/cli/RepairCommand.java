package io.ringfence.cli;

import io.ringfence.journal.JournalException;
import io.ringfence.journal.JournalRepair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ringfence journal repair}: copies a damaged input journal's whole records into a new directory. */
@Command(name = "repair", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Copies every whole record of the input journal under --dir, in order, up to the first damaged one"
        + " (a torn tail, a flipped bit), into a new journal under --out, with the same fingerprint key check value.",
        "The original is left as it is. The decision journal is not copied: 'ringfence replay' recomputes decisions."
            + " Start the engine on --out once you accept what was lost."})
public final class RepairCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", required = true, description = "The damaged journal's root.")
    private Path dir;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "A new directory for the copy.")
    private Path out;

    @Override
    public Integer call() {
        final JournalRepair.Result result;
        try {
            result = JournalRepair.copyWholeRecords(dir, out);
        } catch (final JournalException e) {
            return CommandFailures.report(spec, e);
        }
        final PrintWriter printed = spec.commandLine().getOut();
        printed.printf("copied           %,d records, through sequence %d, to %s%n", result.copied(),
            result.lastCopied(), out);
        printed.printf("stopped at       %s%n", result.damage() == null ? "the end: the journal was whole"
            : result.damage());
        printed.flush();
        return 0;
    }
}
