package io.ringfence.cli;

import io.ringfence.journal.JournalException;
import io.ringfence.journal.JournalOwnership;
import io.ringfence.journal.JournalStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;

/** {@code ringfence journal verify}: reads every record of both journals and checks its checksum. */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Reads every record of the input and decision journals, checking each record's checksum, and prints"
        + " the journal's header (format, instance id, fingerprint key check value).",
        "Exit code 0 when every record is whole; 1, with the first damaged record's sequence, when one is not."
            + " Nothing is repaired: damage is for an operator to judge."})
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", required = true,
        description = "Journal root (holding input/ and decisions/ and the header).")
    private Path dir;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        final JournalDirs dirs = JournalDirs.of(dir);
        try {
            final Properties header = JournalOwnership.header(dir);
            out.printf("header           %s%n", header.isEmpty() ? "none" : "format " + header.getProperty("format")
                + ", instance " + header.getProperty("instance") + ", key check " + header.getProperty("key-check"));
            out.printf("input records    %,d whole%n", JournalStats.inputs(dirs.input()).events());
            if (!dirs.decisions().equals(dirs.input()) && Files.isDirectory(dirs.decisions())) {
                out.printf("decision records %,d whole%n", JournalStats.decisions(dirs.decisions()).records());
            }
        } catch (final JournalException e) {
            out.flush();
            return CommandFailures.report(spec, e);
        }
        out.flush();
        return 0;
    }
}
