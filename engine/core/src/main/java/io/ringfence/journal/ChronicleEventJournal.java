package io.ringfence.journal;

import io.ringfence.api.Durability;
import io.ringfence.api.JournalConfig;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.EventType;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * The input journal on a Chronicle Queue in {@link JournalConfig#inputDirectory()}: one excerpt per event, in the
 * binary form of {@link EventCodec}. {@link JournalConfig#durability()} picks Chronicle's sync mode and
 * {@link JournalConfig#rollCycle()} its roll cycle ({@code FAST_HOURLY} or {@code FAST_DAILY}).
 *
 * <p>{@link #append} allocates nothing and runs on one thread, the journal stage's; a failed write becomes a
 * {@link JournalException} naming the directory and the cause in one line. QUERY events are never journaled.
 */
public final class ChronicleEventJournal implements EventJournal {
    private final Path directory;
    private final int retainedCycles;
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    /**
     * Whether each batch is synced before release (POWER_LOSS); OS_CRASH_BEST_EFFORT's asynchronous syncs are left to
     * Chronicle, which applies them as each chunk of the file is released.
     */
    private final boolean syncEachBatch;
    private final Map<Integer, File> cycleFiles;
    private long lastSequence;

    private ChronicleEventJournal(final Path directory, final int retainedCycles, final SingleChronicleQueue queue,
        final Map<Integer, File> cycleFiles, final boolean syncEachBatch) {
        this.syncEachBatch = syncEachBatch;
        this.directory = directory;
        this.retainedCycles = retainedCycles;
        this.queue = queue;
        this.cycleFiles = cycleFiles;
        this.lastSequence = Queues.lastSequence(queue, EventCodec.FORMAT);
        this.appender = queue.createAppender();
    }

    /**
     * Opens (creating if needed) the input journal in {@code config.inputDirectory()}.
     *
     * @throws JournalException when the directory cannot be created or written, or the journal cannot be opened
     */
    public static ChronicleEventJournal open(final JournalConfig config) {
        return open(config, null);
    }

    /** As {@link #open(JournalConfig)}, with Chronicle's clock replaced: for tests of rolling and retention. */
    static ChronicleEventJournal open(final JournalConfig config, final TimeProvider clock) {
        final Path directory = config.inputDirectory();
        Queues.prepareWritableDirectory(directory, "input journal");
        final Map<Integer, File> cycleFiles = new ConcurrentHashMap<>();
        SingleChronicleQueue queue = null;
        try {
            final SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder.binary(directory)
                .syncMode(Queues.syncMode(config.durability()))
                .rollCycle(Queues.rollCycle(config.rollCycle()))
                .storeFileListener(new CycleFileListener(cycleFiles));
            if (clock != null) {
                builder.timeProvider(clock);
            }
            queue = builder.build();
            return new ChronicleEventJournal(directory, config.retainedCycles(), queue, cycleFiles,
                config.durability() == Durability.POWER_LOSS);
        } catch (final JournalException e) {
            closeQuietly(queue);
            throw e;
        } catch (final Exception | Error e) {
            closeQuietly(queue);
            throw new JournalException("input journal " + directory + " cannot be opened: " + Queues.describe(e), e);
        }
    }

    @Override
    public void append(final EngineEvent event, final long sequence) {
        if (event.type == EventType.QUERY) {
            return;
        }
        if (sequence <= lastSequence) {
            throw new JournalException("input journal " + directory + ": sequence " + sequence
                + " is not after the last journaled sequence " + lastSequence);
        }
        try {
            final DocumentContext dc = appender.writingDocument();
            try {
                EventCodec.encode(event, sequence, dc.wire().bytes());
            } catch (final Exception | Error e) {
                dc.rollbackOnClose();
                throw e;
            } finally {
                dc.close();
            }
        } catch (final Exception | Error e) {
            throw new JournalException("input journal write failed in " + directory + ": " + Queues.describe(e), e);
        }
        lastSequence = sequence;
    }

    @Override
    public boolean sync() {
        if (!syncEachBatch || appender.wire() == null) {
            return false;
        }
        try {
            final Bytes<?> written = appender.wire().bytes();
            if (!(written instanceof MappedBytes mapped)) {
                return false;
            }
            mapped.sync();
            return true;
        } catch (final Exception | Error e) {
            throw new JournalException("input journal sync failed in " + directory + ": " + Queues.describe(e), e);
        }
    }

    @Override
    public long lastSequence() {
        return lastSequence;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Retention: deletes the oldest rolled journal files whose every event has a sequence at or below
     * {@code snapshotSequence} (a snapshot covers them), keeping {@link JournalConfig#retainedCycles()} such files.
     * Keeps everything when retainedCycles is 0. The file being written is never deleted. Call from the journal
     * stage's thread.
     *
     * @return the number of files deleted
     */
    @Override
    public int deleteCyclesCoveredBy(final long snapshotSequence, final LongConsumer beforeDeleting) {
        if (retainedCycles == 0) {
            return 0;
        }
        try {
            queue.refreshDirectoryListing();
            final int firstCycle = queue.firstCycle();
            final int lastCycle = queue.lastCycle();
            if (firstCycle == Integer.MAX_VALUE || firstCycle >= lastCycle) {
                return 0;
            }
            final List<Integer> covered = new ArrayList<>();
            try (ExcerptTailer tailer = queue.createTailer()) {
                for (final Long cycleNumber : queue.listCyclesBetween(firstCycle, lastCycle - 1)) {
                    final int cycle = cycleNumber.intValue();
                    final long count = tailer.excerptsInCycle(cycle);
                    if (count > 0) {
                        if (!tailer.moveToIndex(queue.rollCycle().toIndex(cycle, count - 1))) {
                            break;
                        }
                        try (DocumentContext dc = tailer.readingDocument()) {
                            if (!dc.isPresent() || EventCodec.peekSequence(dc.wire().bytes()) > snapshotSequence) {
                                break;
                            }
                        }
                    } else {
                        tailer.moveToCycle(cycle);
                    }
                    covered.add(cycle);
                }
            }
            int deleted = 0;
            if (covered.size() > retainedCycles) {
                beforeDeleting.accept(snapshotSequence);
            }
            for (int i = 0; i < covered.size() - retainedCycles; i++) {
                final File file = cycleFiles.get(covered.get(i));
                if (file != null && file.delete()) {
                    cycleFiles.remove(covered.get(i));
                    deleted++;
                }
            }
            queue.refreshDirectoryListing();
            return deleted;
        } catch (final Exception e) {
            throw new JournalException("input journal retention failed in " + directory + ": " + Queues.describe(e), e);
        }
    }

    @Override
    public void close() {
        closeQuietly(appender);
        closeQuietly(queue);
    }

    private static void closeQuietly(final AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (final Exception e) {
            // Closing releases mappings; nothing is lost if it fails.
        }
    }

    /** Remembers which file holds which cycle, so retention can delete a cycle's file. */
    private static final class CycleFileListener implements StoreFileListener {
        private final Map<Integer, File> cycleFiles;

        CycleFileListener(final Map<Integer, File> cycleFiles) {
            this.cycleFiles = cycleFiles;
        }

        @Override
        public void onAcquired(final int cycle, final File file) {
            cycleFiles.put(cycle, file);
        }

        @Override
        public void onReleased(final int cycle, final File file) {
            cycleFiles.put(cycle, file);
        }
    }
}
