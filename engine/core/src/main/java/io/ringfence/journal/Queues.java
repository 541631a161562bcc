package io.ringfence.journal;

import io.ringfence.api.Durability;
import io.ringfence.api.JournalConfig;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the input and decision journals share: mapping our settings to Chronicle's, opening, one-line errors. */
final class Queues {
    /** Chronicle's extension for a cycle (data) file. */
    static final String CYCLE_FILE_SUFFIX = ".cq4";
    /** Causes are cut to this length: Chronicle puts whole stack traces in some messages. */
    private static final int MAX_CAUSE_CHARS = 240;

    private Queues() {
    }

    static SyncMode syncMode(final Durability durability) {
        return switch (durability) {
            case PROCESS_CRASH -> SyncMode.NONE;
            case OS_CRASH_BEST_EFFORT -> SyncMode.ASYNC;
            case POWER_LOSS -> SyncMode.SYNC;
        };
    }

    static RollCycle rollCycle(final JournalConfig.RollCycle rollCycle) {
        return switch (rollCycle) {
            case HOURLY -> RollCycles.FAST_HOURLY;
            case DAILY -> RollCycles.FAST_DAILY;
        };
    }

    /** Creates {@code directory} if needed and checks it can be written, with a one-line message when not. */
    static void prepareWritableDirectory(final Path directory, final String what) {
        try {
            Files.createDirectories(directory);
        } catch (final Exception e) {
            throw new JournalException(what + " directory " + directory + " cannot be created: " + describe(e), e);
        }
        if (!Files.isDirectory(directory)) {
            throw new JournalException(what + " directory " + directory + " is not a directory");
        }
        if (!Files.isWritable(directory)) {
            throw new JournalException(what + " directory " + directory + " is not writable");
        }
    }

    /** Checks that {@code directory} exists and holds a Chronicle queue, before opening it read-only. */
    static void checkReadableQueue(final Path directory, final String what) {
        if (!Files.isDirectory(directory)) {
            throw new JournalException(what + " directory " + directory
                + (Files.exists(directory) ? " is not a directory" : " does not exist"));
        }
        if (!Files.isReadable(directory)) {
            throw new JournalException(what + " directory " + directory + " is not readable");
        }
        if (!Files.exists(directory.resolve(SingleChronicleQueue.QUEUE_METADATA_FILE)) && cycleFileCount(directory) == 0) {
            throw new JournalException(what + " directory " + directory + " holds no journal (no "
                + SingleChronicleQueue.QUEUE_METADATA_FILE + " or " + CYCLE_FILE_SUFFIX + " files)");
        }
    }

    /** Whether {@code directory} exists and has nothing in it. */
    static boolean isEmptyDirectory(final Path directory) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            return !entries.iterator().hasNext();
        } catch (final IOException e) {
            return false;
        }
    }

    static int cycleFileCount(final Path directory) {
        int count = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + CYCLE_FILE_SUFFIX)) {
            for (final Path ignored : files) {
                count++;
            }
        } catch (final IOException e) {
            throw new JournalException("cannot list journal directory " + directory + ": " + describe(e), e);
        }
        return count;
    }

    /**
     * Reads back from the end of {@code queue} to the last excerpt with a sequence (the long after the format byte)
     * and returns it, or -1 when there is none. Audit records of answers callers gave themselves carry -1 and are
     * passed over.
     */
    static long lastSequence(final SingleChronicleQueue queue, final byte expectedFormat) {
        if (queue.lastIndex() < 0) {
            return -1L;
        }
        try (ExcerptTailer tailer = queue.createTailer()) {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return -1L;
                    }
                    if (!dc.isData()) {
                        continue;
                    }
                    final var bytes = dc.wire().bytes();
                    final byte format = bytes.readByte();
                    if (format != expectedFormat
                        && !(expectedFormat == EventCodec.FORMAT && EventCodec.isInputFormat(format))
                        && !(expectedFormat == EventCodec.DECISION_FORMAT && EventCodec.isDecisionFormat(format))) {
                        throw new JournalException("journal " + queue.fileAbsolutePath() + " ends with "
                            + (expectedFormat == EventCodec.FORMAT ? EventCodec.formatProblem(format)
                            : DecisionJournal.formatProblem(format)));
                    }
                    final long sequence = bytes.readLong();
                    if (sequence >= 0) {
                        return sequence;
                    }
                }
            }
        }
    }

    /** A cause as one line: its type and message, line breaks folded. */
    static String describe(final Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && (root.getMessage() == null
            || root instanceof JournalException)) {
            root = root.getCause();
        }
        final String message = root.getMessage();
        final String text = root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        final String line = text.replaceAll("\\s*\\R\\s*", " ");
        return line.length() <= MAX_CAUSE_CHARS ? line : line.substring(0, MAX_CAUSE_CHARS) + " ...";
    }
}
