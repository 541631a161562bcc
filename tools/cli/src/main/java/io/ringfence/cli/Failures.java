package io.ringfence.cli;

import io.ringfence.journal.JournalException;
import picocli.CommandLine.Model.CommandSpec;

/** A journal the tools cannot read: one line on the error stream, exit code 1. */
final class Failures {
    /** Exit code for a missing, unreadable or corrupt journal. */
    static final int JOURNAL_ERROR = 1;

    private Failures() {
    }

    static int report(final CommandSpec spec, final JournalException e) {
        final String message = e.getMessage() == null ? "journal error" : e.getMessage();
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + message.replaceAll("\\s*\\R\\s*", " "));
        spec.commandLine().getErr().flush();
        return JOURNAL_ERROR;
    }
}
