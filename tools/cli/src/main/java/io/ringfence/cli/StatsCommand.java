package io.ringfence.cli;

import io.ringfence.journal.JournalException;
import io.ringfence.journal.JournalStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code ringfence journal stats}: a summary of the input and decision journals. */
@Command(name = "stats", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Summarises the journals: events by type and channel, first and last sequence and time, distinct"
        + " cards, decisions by action and response code, journal files and bytes.")
public final class StatsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", required = true,
        description = "Journal root (holding input/ and decisions/), or one input journal directory.")
    private Path dir;

    @Override
    public Integer call() {
        final JournalDirs dirs = JournalDirs.of(dir);
        final PrintWriter out = spec.commandLine().getOut();
        try {
            final JournalStats.Inputs input = JournalStats.inputs(dirs.input());
            final long[] inputFiles = JournalDirs.filesAndBytes(dirs.input());
            out.printf("input journal    %s: %,d files, %,d bytes%n", dirs.input(), inputFiles[0], inputFiles[1]);
            out.printf("events           %,d%n", input.events());
            if (input.events() > 0) {
                out.printf("first            sequence %d at %s%n", input.firstSequence(),
                    Instant.ofEpochMilli(input.firstTimeMillis()));
                out.printf("last             sequence %d at %s%n", input.lastSequence(),
                    Instant.ofEpochMilli(input.lastTimeMillis()));
            }
            out.printf("by type          %s%n", counts(new TreeMap<>(input.byType())));
            out.printf("by channel       %s%n", counts(input.byChannel()));
            out.printf("rejected         %,d%n", input.rejected());
            out.printf("fingerprints     %,d distinct%n", input.distinctCards());

            if (!dirs.decisions().equals(dirs.input()) && Files.isDirectory(dirs.decisions())) {
                final JournalStats.Decisions decisions = JournalStats.decisions(dirs.decisions());
                final long[] decisionFiles = JournalDirs.filesAndBytes(dirs.decisions());
                out.printf("decision journal %s: %,d files, %,d bytes%n", dirs.decisions(), decisionFiles[0],
                    decisionFiles[1]);
                out.printf("decisions        %,d%n", decisions.records());
                out.printf("by action        %s%n", counts(decisions.byAction()));
                out.printf("by action/code   %s%n", counts(decisions.byActionAndCode()));
                out.printf("stand-ins        %,d%n", decisions.standIns());
                out.printf("flags raised     %s%n", counts(decisions.flagsRaised()));
            } else {
                out.printf("decision journal none in %s%n", dir);
            }
        } catch (final JournalException e) {
            out.flush();
            return CommandFailures.report(spec, e);
        }
        out.flush();
        return 0;
    }

    private static String counts(final Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "-";
        }
        final StringBuilder b = new StringBuilder();
        counts.forEach((name, count) -> b.append(b.length() == 0 ? "" : "  ").append(name).append(' ')
            .append(String.format("%,d", count)));
        return b.toString();
    }
}
