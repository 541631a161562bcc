package io.ringfence.journal;

import io.ringfence.event.EngineEvent;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the input journal, read-only: for recovery (replay after the snapshot's sequence), backtesting and tools.
 * Decodes every event into one reused {@link EngineEvent}, so a replay allocates nothing per event; the event's
 * request id is a reused {@link StringBuilder}.
 *
 * <p>Not thread-safe: one reader per thread.
 */
public final class JournalReader implements AutoCloseable {
    private static final long END = Long.MIN_VALUE;

    private final Path directory;
    private final SingleChronicleQueue queue;
    private final EngineEvent event = new EngineEvent();
    private final StringBuilder requestId = new StringBuilder(64);
    /** Where {@link #follow} stopped; opened by its first call. */
    private ExcerptTailer following;

    private JournalReader(final Path directory, final SingleChronicleQueue queue) {
        this.directory = directory;
        this.queue = queue;
    }

    /**
     * Opens the input journal in {@code inputDirectory} read-only. An existing empty directory is an empty journal
     * (the writer creates the directory before Chronicle's first file).
     *
     * @throws JournalException when the directory is missing, holds no journal, or cannot be opened
     */
    public static JournalReader open(final Path inputDirectory) {
        if (Queues.isEmptyDirectory(inputDirectory)) {
            return new JournalReader(inputDirectory, null);
        }
        Queues.checkReadableQueue(inputDirectory, "input journal");
        try {
            return new JournalReader(inputDirectory, SingleChronicleQueueBuilder.binary(inputDirectory)
                .readOnly(true)
                .build());
        } catch (final Exception | Error e) {
            throw new JournalException("input journal " + inputDirectory + " cannot be opened: " + Queues.describe(e),
                e);
        }
    }

    /**
     * Calls {@code visitor} for every event with a sequence above {@code afterSequence}, in journal (sequence)
     * order, and returns how many it visited. Pass -1 for all of them.
     *
     * @throws JournalException when a record cannot be read (corrupt or unknown format)
     */
    public long replay(final long afterSequence, final JournalVisitor visitor) {
        if (queue == null) {
            return 0;
        }
        long visited = 0;
        try (ExcerptTailer tailer = openTailer()) {
            while (true) {
                final long sequence = next(tailer, afterSequence);
                if (sequence == END) {
                    return visited;
                }
                visitor.onEvent(event, sequence);
                visited++;
            }
        }
    }

    /**
     * Reads on from where the last call stopped (the first call starts at the beginning), visiting at most
     * {@code maxEvents} events with a sequence above {@code afterSequence} that are in the journal now: for a reader
     * that keeps up with a journal still being written.
     *
     * @return how many events it visited; 0 when it is at the end for now
     */
    public long follow(final long afterSequence, final long maxEvents, final JournalVisitor visitor) {
        if (queue == null) {
            return 0;
        }
        if (following == null) {
            following = openTailer();
        }
        long visited = 0;
        while (visited < maxEvents) {
            final long sequence = next(following, afterSequence);
            if (sequence == END) {
                break;
            }
            visitor.onEvent(event, sequence);
            visited++;
        }
        return visited;
    }

    /** Whether {@code inputDirectory} holds a journal yet (its writer creates the first file on first use). */
    public static boolean holdsJournal(final Path inputDirectory) {
        return Files.isDirectory(inputDirectory) && !Queues.isEmptyDirectory(inputDirectory);
    }

    private ExcerptTailer openTailer() {
        try {
            return queue.createTailer().toStart();
        } catch (final Exception | Error e) {
            throw new JournalException("input journal " + directory + " cannot be read: " + Queues.describe(e), e);
        }
    }

    /** Decodes the next event after {@code afterSequence} into {@link #event}; its sequence, or {@link #END}. */
    private long next(final ExcerptTailer tailer, final long afterSequence) {
        long index = -1;
        try {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return END;
                    }
                    if (!dc.isData()) {
                        continue;
                    }
                    index = dc.index();
                    final var bytes = dc.wire().bytes();
                    if (EventCodec.peekSequence(bytes) > afterSequence) {
                        return EventCodec.decode(bytes, event, requestId);
                    }
                }
            }
        } catch (final Exception | Error e) {
            throw new JournalException("input journal " + directory + " cannot be read"
                + (index >= 0 ? " at index 0x" + Long.toHexString(index) : "") + ": " + Queues.describe(e), e);
        }
    }

    /** The sequence of the last journaled event, or -1 when the journal is empty. */
    public long lastSequence() {
        if (queue == null) {
            return -1L;
        }
        try {
            return Queues.lastSequence(queue, EventCodec.FORMAT);
        } catch (final JournalException e) {
            throw e;
        } catch (final Exception | Error e) {
            throw new JournalException("input journal " + directory + " cannot be read: " + Queues.describe(e), e);
        }
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        if (following != null) {
            following.close();
        }
        if (queue != null) {
            queue.close();
        }
    }
}
