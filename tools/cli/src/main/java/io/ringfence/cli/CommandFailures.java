package io.ringfence.cli;

import io.ringfence.journal.JournalException;
import io.ringfence.models.data.ReplayFormatException;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One line on the error stream and exit code 1 when a command's input cannot be used (data, a model, a journal, a
 * directory); and Tribuo's logging kept quiet. Values quoted from data files arrive here already masked.
 */
final class CommandFailures {
    /** Exit code for data or a model that cannot be read, or a directory that cannot be written. */
    static final int FAILED = 1;
    /** Held so the level is not lost with a weakly referenced logger: Tribuo logs every epoch at INFO. */
    private static final Logger TRIBUO_LOGGER = Logger.getLogger("org.tribuo");

    private CommandFailures() {
    }

    static void quietTribuo() {
        TRIBUO_LOGGER.setLevel(Level.WARNING);
    }

    static int report(final CommandSpec spec, final String message) {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + oneLine(message));
        spec.commandLine().getErr().flush();
        return FAILED;
    }

    /** A journal the tools cannot read. */
    static int report(final CommandSpec spec, final JournalException e) {
        return report(spec, e.getMessage() == null ? "journal error" : e.getMessage());
    }

    /** A message on one line. */
    static String oneLine(final String message) {
        return message == null ? "failed" : message.replaceAll("\\s*\\R\\s*", " ");
    }

    static String describe(final IOException e) {
        if (e instanceof ReplayFormatException) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException missing) {
            return "no such file: " + missing.getFile();
        }
        if (e instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
