package io.ringfence.tools.journal;

import io.ringfence.api.Channel;
import io.ringfence.event.EventType;
import io.ringfence.journal.DecisionJournal;
import io.ringfence.journal.DecisionRecord;
import io.ringfence.journal.JournalException;
import io.ringfence.journal.JournalReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;


import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
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
            final InputStats input = new InputStats();
            try (JournalReader reader = JournalReader.open(dirs.input())) {
                reader.replay(-1L, (event, sequence) -> input.add(event.type, event.channel, event.rejection != null,
                    event.fingerprintHigh, event.fingerprintLow, event.eventTimeMillis, sequence));
            }
            final long[] inputFiles = JournalDirs.filesAndBytes(dirs.input());
            out.printf("input journal    %s: %,d files, %,d bytes%n", dirs.input(), inputFiles[0], inputFiles[1]);
            out.printf("events           %,d%n", input.events);
            if (input.events > 0) {
                out.printf("first            sequence %d at %s%n", input.firstSequence,
                    Instant.ofEpochMilli(input.firstTime));
                out.printf("last             sequence %d at %s%n", input.lastSequence,
                    Instant.ofEpochMilli(input.lastTime));
            }
            out.printf("by type          %s%n", counts(input.byType));
            out.printf("by channel       %s%n", counts(input.byChannel));
            out.printf("rejected         %,d%n", input.rejected);
            out.printf("fingerprints     %,d distinct%n", input.fingerprints.size());

            if (!dirs.decisions().equals(dirs.input()) && Files.isDirectory(dirs.decisions())) {
                final DecisionStats decisions = new DecisionStats();
                DecisionJournal.read(dirs.decisions(), decisions::add);
                final long[] decisionFiles = JournalDirs.filesAndBytes(dirs.decisions());
                out.printf("decision journal %s: %,d files, %,d bytes%n", dirs.decisions(), decisionFiles[0],
                    decisionFiles[1]);
                out.printf("decisions        %,d%n", decisions.records);
                out.printf("by action        %s%n", counts(decisions.byAction));
                out.printf("by action/code   %s%n", counts(decisions.byCode));
                out.printf("stand-ins        %,d%n", decisions.standIns);
                out.printf("flags raised     %s%n", counts(decisions.flags));
            } else {
                out.printf("decision journal none in %s%n", dir);
            }
        } catch (final JournalException e) {
            out.flush();
            return Failures.report(spec, e);
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

    private static void increment(final Map<String, Long> counts, final String key) {
        counts.merge(key, 1L, Long::sum);
    }

    private static final class InputStats {
        final Map<String, Long> byType = new TreeMap<>();
        final Map<String, Long> byChannel = new TreeMap<>();
        /** 64 bits of each fingerprint (an HMAC output, so any 64 bits are as good as all 128 for counting). */
        final Set<Long> fingerprints = new HashSet<>();
        long events;
        long rejected;
        long firstSequence = -1;
        long lastSequence = -1;
        long firstTime;
        long lastTime;

        void add(final EventType type, final Channel channel, final boolean isRejected, final long high, final long low,
            final long time, final long sequence) {
            if (events == 0) {
                firstSequence = sequence;
                firstTime = time;
            }
            events++;
            lastSequence = sequence;
            lastTime = time;
            increment(byType, type.name());
            if (type == EventType.AUTHORIZE) {
                increment(byChannel, channel == null ? "none" : channel.name());
            }
            if (isRejected) {
                rejected++;
            }
            if (high != 0 || low != 0) {
                fingerprints.add(high ^ Long.rotateLeft(low, 31));
            }
        }
    }

    private static final class DecisionStats {
        final Map<String, Long> byAction = new TreeMap<>();
        final Map<String, Long> byCode = new TreeMap<>();
        final Map<String, Long> flags = new TreeMap<>();
        long records;
        long standIns;

        void add(final DecisionRecord record) {
            records++;
            if (record.action() != null) {
                increment(byAction, record.action().name());
            }
            if (record.responseCode() != null) {
                increment(byCode, (record.action() == null ? "-" : record.action().name()) + "/"
                    + record.responseCode().code());
            }
            if (record.standIn()) {
                standIns++;
            }
            if (record.flagRaised() != null && record.flagRaised().ordinal() != 0) {
                increment(flags, record.flagRaised().name());
            }
        }
    }
}
