package io.ringfence.cli;

import io.ringfence.api.Action;
import io.ringfence.api.Fingerprint;
import io.ringfence.journal.JournalDump;
import io.ringfence.journal.JournalException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ringfence journal dump}: journal entries as JSON lines, filtered. */
@Command(name = "dump", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Prints journal entries as JSON lines: input events by default, decision records with --decisions.",
        "Keys are snake_case; fingerprints are 32 hex digits, times ISO-8601 UTC; absent fields are left out."
            + " No card number is ever journaled, so none is printed."})
public final class DumpCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", required = true,
        description = "Journal root (holding input/ and decisions/), or one journal directory.")
    private Path dir;

    @Option(names = "--decisions", description = "Dump the decision journal instead of the input journal.")
    private boolean decisions;

    @Option(names = "--from", paramLabel = "TIME", converter = TimeArgument.class,
        description = "Only entries with an event time at or after TIME (ISO-8601 UTC or epoch millis).")
    private Long from;

    @Option(names = "--to", paramLabel = "TIME", converter = TimeArgument.class,
        description = "Only entries with an event time before TIME (ISO-8601 UTC or epoch millis).")
    private Long to;

    @Option(names = "--fingerprint", paramLabel = "HEX32",
        description = "Only entries for this card fingerprint (32 hex digits); for inputs, a linked card counts too.")
    private String fingerprintHex;

    @Option(names = "--action", paramLabel = "ACTION",
        description = "Only decisions with this action (APPROVE, CHALLENGE, REVIEW, DECLINE); needs --decisions.")
    private String actionName;

    @Override
    public Integer call() {
        final Fingerprint fingerprint = parseFingerprint();
        final Action action = parseAction();
        if (from != null && to != null && from >= to) {
            throw new ParameterException(spec.commandLine(), "--from must be before --to");
        }
        final long fromMillis = from == null ? Long.MIN_VALUE : from;
        final long toMillis = to == null ? Long.MAX_VALUE : to;
        final PrintWriter out = spec.commandLine().getOut();
        final JournalDirs dirs = JournalDirs.of(dir);
        try {
            if (decisions) {
                JournalDump.decisions(dirs.decisions(), fromMillis, toMillis, action, fingerprint, out::println);
            } else {
                JournalDump.inputs(dirs.input(), fromMillis, toMillis, fingerprint, out::println);
            }
        } catch (final JournalException e) {
            out.flush();
            return CommandFailures.report(spec, e);
        }
        out.flush();
        return 0;
    }

    private Fingerprint parseFingerprint() {
        if (fingerprintHex == null) {
            return null;
        }
        if (!fingerprintHex.matches("[0-9a-fA-F]{32}")) {
            throw new ParameterException(spec.commandLine(), "--fingerprint must be 32 hex digits, was '"
                + fingerprintHex + "'");
        }
        return Fingerprint.parse(fingerprintHex);
    }

    private Action parseAction() {
        if (actionName == null) {
            return null;
        }
        if (!decisions) {
            throw new ParameterException(spec.commandLine(), "--action filters decisions: add --decisions");
        }
        try {
            return Action.valueOf(actionName.toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--action must be one of APPROVE, CHALLENGE, REVIEW,"
                + " DECLINE, was '" + actionName + "'");
        }
    }
}
