package io.ringfence.journal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import java.util.UUID;

/**
 * Who a journal directory belongs to: one engine at a time (an exclusive lock held while it runs) and one fingerprint
 * key for its whole life (a header naming the key by its key-check value, never the key). A second engine on the same
 * directory, or an engine with another key, is refused with a one-line reason instead of writing duplicate sequences
 * or deciding on history it cannot match.
 */
public final class JournalOwnership implements AutoCloseable {
    /** The header's name in the journal directory. */
    public static final String HEADER_FILE = "ringfence-journal.properties";
    public static final String LOCK_FILE = "ringfence.lock";
    /** The journal layout this engine writes and reads. */
    public static final int FORMAT = 3;
    private static final String DELETED_THROUGH = "deleted-through";

    private final FileChannel lockChannel;
    private final FileLock lock;
    private final String instanceId;
    private final Path directory;

    private JournalOwnership(final Path directory, final FileChannel lockChannel, final FileLock lock,
        final String instanceId) {
        this.directory = directory;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.instanceId = instanceId;
    }

    /**
     * Takes the directory: locks it, then checks its header (or writes one for a new journal).
     *
     * @param keyCheckValue the engine's key-check value
     * @throws JournalOwnershipException when another engine holds the directory, or its header names another key or
     *     format
     * @throws JournalException          when the directory cannot be created or written
     */
    public static JournalOwnership take(final Path directory, final String keyCheckValue) {
        final FileChannel channel;
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        } catch (final IOException e) {
            throw new JournalException("journal directory " + directory + " cannot be written: " + e, e);
        }
        FileLock lock = null;
        try {
            lock = channel.tryLock();
        } catch (final OverlappingFileLockException | IOException e) {
            lock = null;
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new JournalOwnershipException("journal directory " + directory + " is in use by another engine"
                + " (it holds " + directory.resolve(LOCK_FILE) + "); stop it first, or give this engine its own directory");
        }
        try {
            return new JournalOwnership(directory, channel, lock, checkHeader(directory, keyCheckValue));
        } catch (final RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * The header of the journal in {@code directory} (format, instance, key-check), read without taking the
     * directory; empty when there is none.
     *
     * @throws JournalException when the header cannot be read
     */
    public static Properties header(final Path directory) {
        final Properties properties = new Properties();
        final Path header = directory.resolve(HEADER_FILE);
        if (Files.isRegularFile(header)) {
            try (Reader in = Files.newBufferedReader(header, StandardCharsets.UTF_8)) {
                properties.load(in);
            } catch (final IOException | IllegalArgumentException e) {
                throw new JournalException("journal header " + header + " cannot be read: " + e.getMessage(), e);
            }
        }
        return properties;
    }

    /**
     * The sequence through which retention may have deleted the journal's events, from the header; -1 when nothing
     * was ever deleted. Recovery needs a snapshot at or after it, or history between is lost.
     */
    public long deletedThrough() {
        return Long.parseLong(header(directory).getProperty(DELETED_THROUGH, "-1"));
    }

    /**
     * Records, before retention deletes journal files, that events through {@code sequence} may be gone. Written aside
     * and moved into place, so the header is whole whatever happens.
     *
     * @throws JournalException when the header cannot be written: then nothing may be deleted
     */
    public void recordDeletedThrough(final long sequence) {
        final Properties properties = header(directory);
        properties.setProperty(DELETED_THROUGH, Long.toString(sequence));
        writeHeader(directory, properties);
    }

    /** The id this journal was given when it was created; it stays with the directory. */
    public String instanceId() {
        return instanceId;
    }

    private static String checkHeader(final Path directory, final String keyCheckValue) {
        final Path header = directory.resolve(HEADER_FILE);
        final Properties properties = header(directory);
        if (!properties.isEmpty()) {
            final String format = properties.getProperty("format");
            if (!String.valueOf(FORMAT).equals(format)) {
                throw new JournalOwnershipException("journal " + directory + " has format " + format + "; this engine"
                    + " reads format " + FORMAT);
            }
            final String recorded = properties.getProperty("key-check");
            if (!keyCheckValue.equals(recorded)) {
                throw new JournalOwnershipException("journal " + directory + " was written under the fingerprint key"
                    + " with check value " + recorded + ", not this engine's (" + keyCheckValue + "): its cards would"
                    + " not match; give the journal's key, or a new directory");
            }
            return properties.getProperty("instance");
        }
        if (hasJournalFiles(directory)) {
            throw new JournalOwnershipException("journal " + directory + " has journal files but no header "
                + HEADER_FILE + ": it was written by an older engine, or the header was lost; replay it with the"
                + " engine that wrote it");
        }
        final String instance = UUID.randomUUID().toString();
        properties.setProperty("format", String.valueOf(FORMAT));
        properties.setProperty("instance", instance);
        properties.setProperty("key-check", keyCheckValue);
        writeHeader(directory, properties);
        return instance;
    }

    private static void writeHeader(final Path directory, final Properties properties) {
        final Path header = directory.resolve(HEADER_FILE);
        final Path partial = directory.resolve(HEADER_FILE + ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                properties.store(out, "Ringfence journal: format, instance id, fingerprint key check value (never the"
                    + " key), and how far retention deleted");
            }
            try {
                Files.move(partial, header, StandardCopyOption.ATOMIC_MOVE);
            } catch (final AtomicMoveNotSupportedException e) {
                Files.move(partial, header, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (final IOException e) {
            throw new JournalException("journal header " + header + " cannot be written: " + e, e);
        }
    }

    private static boolean hasJournalFiles(final Path directory) {
        for (final String sub : new String[] {"input", "decisions", "snapshots"}) {
            final Path path = directory.resolve(sub);
            if (Files.isDirectory(path)) {
                try (var files = Files.list(path)) {
                    if (files.findAny().isPresent()) {
                        return true;
                    }
                } catch (final IOException | UncheckedIOException e) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (final IOException e) {
            // Closing the channel below releases the lock too.
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(final FileChannel channel) {
        try {
            channel.close();
        } catch (final IOException e) {
            // Nothing more to do: the lock goes with the process anyway.
        }
    }
}
