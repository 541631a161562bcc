package io.ringfence.snapshot;

import io.ringfence.decision.RiskEngine.StoreShape;
import io.ringfence.decision.RiskEngine;
import io.ringfence.features.FeatureSchema;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * Snapshots of the engine's stores in one directory, so recovery replays only the journal after the newest one.
 *
 * <p>A file {@code snapshot-<last applied sequence, 20 digits>.snap} holds a {@link SnapshotHeader}, the four
 * store sections {@link RiskEngine#writeSnapshot} writes, and a trailer: {@code long} offset of the trailer, then
 * the CRC32C of every byte before it (both big-endian). The checksum catches a torn or rotted file; the trailer
 * offset names a truncated one as such.
 *
 * <p>Crash safety: a snapshot is written to a {@code .tmp} file, forced to disk, atomically renamed to {@code .snap}
 * and the directory forced, so a {@code .snap} is complete once it exists under that name and a crash at any point
 * leaves at worst a {@code .tmp}, which loading ignores and deletes. Loading still verifies every file, because disks
 * and operators can do what crashes cannot.
 *
 * <p>{@link #write} and {@link #loadLatest} run on the business-logic thread (or before it starts): they do file
 * I/O and allocate, as administrative operations may. One thread at a time per directory.
 */
public final class SnapshotStore {
    private static final System.Logger LOG = System.getLogger("io.ringfence.snapshot");
    private static final Pattern SNAPSHOT_NAME = Pattern.compile("snapshot-(\\d{20})\\.snap");
    private static final Pattern LEFTOVER_NAME = Pattern.compile("snapshot-\\d{20}\\.tmp");
    private static final int TRAILER_LENGTH = Long.BYTES + Integer.BYTES;
    private static final int VERIFY_CHUNK = 1 << 20;

    private final Path directory;

    public SnapshotStore(final Path snapshotDirectory) {
        this.directory = snapshotDirectory;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Writes a snapshot of the engine's state and promotes it atomically: when this returns, the {@code .snap} file
     * and its name are on disk. Call between events on the business-logic thread, so the stores hold still.
     *
     * @param lastAppliedSequence the sequence of the last event applied to the engine; recovery replays from the
     *                            one after it
     * @return the snapshot file
     */
    public Path write(final RiskEngine engine, final long lastAppliedSequence) throws IOException {
        if (lastAppliedSequence < 0) {
            throw new IllegalArgumentException("lastAppliedSequence must be 0 or more, was " + lastAppliedSequence);
        }
        Files.createDirectories(directory);
        final Path temporary = directory.resolve(String.format("snapshot-%020d.tmp", lastAppliedSequence));
        final Path snapshot = directory.resolve(String.format("snapshot-%020d.snap", lastAppliedSequence));
        final SnapshotHeader header = SnapshotHeader.of(FeatureSchema.ID, lastAppliedSequence, engine.stateDigest(),
            engine.storeShapes());
        try (FileChannel file = FileChannel.open(temporary, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            final ChecksummingChannel out = new ChecksummingChannel(file);
            writeFully(out, header.encode());
            engine.writeSnapshot(out);
            writeFully(out, ByteBuffer.allocate(Long.BYTES).putLong(file.position()).flip());
            writeFully(file, ByteBuffer.allocate(Integer.BYTES).putInt((int)out.checksum.getValue()).flip());
            file.force(true);
        } catch (final IOException | RuntimeException e) {
            deleteQuietly(temporary, e);
            throw e;
        }
        Files.move(temporary, snapshot, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory();
        return snapshot;
    }

    /**
     * Loads the newest good snapshot into the engine, replacing the whole state of its stores; the engine must have
     * the store capacities the snapshot was written with.
     *
     * <p>Files are tried newest first. Each is verified whole (checksum, format, feature schema, store shapes, byte
     * order) before the engine is touched; after loading, the engine's state digest must equal the one recorded at
     * write time. A file that fails any check is skipped with one warning naming it and the reason. A failure after
     * the stores were touched (an I/O error while loading, or a digest mismatch) clears them before the next file is
     * tried, so an empty result always leaves the engine as built, ready for a full replay. Leftover {@code .tmp}
     * files from interrupted writes are deleted.
     *
     * @return the last applied sequence of the snapshot loaded, or empty when there is none usable: replay the
     *         whole journal
     * @throws IOException when the directory cannot be listed
     */
    public OptionalLong loadLatest(final RiskEngine engine) throws IOException {
        if (!Files.isDirectory(directory)) {
            return OptionalLong.empty();
        }
        deleteLeftovers();
        final List<StoreShape> shapes = engine.storeShapes();
        for (final SnapshotInfo info : list()) {
            final SnapshotHeader header;
            try {
                header = verify(info);
                requireLoadableInto(header, shapes);
            } catch (final CorruptSnapshotException e) {
                skipped(info, e.getMessage());
                continue;
            } catch (final IOException e) {
                skipped(info, "unreadable: " + e);
                continue;
            }
            final long started = System.nanoTime();
            try {
                load(info.file(), header, engine);
            } catch (final CorruptSnapshotException e) {
                engine.clearState();
                skipped(info, e.getMessage());
                continue;
            } catch (final IOException | RuntimeException e) {
                engine.clearState();
                skipped(info, "load failed after verification: " + e);
                continue;
            }
            final long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            LOG.log(System.Logger.Level.INFO, () -> "Snapshot " + info.file() + " loaded: sequence "
                + header.lastAppliedSequence() + ", " + info.size() + " bytes in " + millis + " ms");
            return OptionalLong.of(header.lastAppliedSequence());
        }
        return OptionalLong.empty();
    }

    /**
     * Deletes every snapshot but the newest {@code keep} good ones (checksum and format verified; each kept file is
     * read whole once). Corrupt snapshots are deleted, each with a warning.
     */
    public void prune(final int keep) throws IOException {
        if (keep < 0) {
            throw new IllegalArgumentException("keep must be 0 or more, was " + keep);
        }
        int kept = 0;
        for (final SnapshotInfo info : list()) {
            if (kept < keep) {
                try {
                    verify(info);
                    kept++;
                    continue;
                } catch (final CorruptSnapshotException e) {
                    LOG.log(System.Logger.Level.WARNING, "Snapshot " + info.file() + " deleted: " + e.getMessage());
                }
            }
            Files.deleteIfExists(info.file());
        }
    }

    /** The {@code .snap} files by name, newest first; their contents are not checked. Empty when no directory. */
    public List<SnapshotInfo> list() throws IOException {
        final List<SnapshotInfo> found = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return found;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (final Path file : files) {
                final Matcher name = SNAPSHOT_NAME.matcher(file.getFileName().toString());
                if (name.matches()) {
                    try {
                        found.add(new SnapshotInfo(file, Long.parseLong(name.group(1)), Files.size(file)));
                    } catch (final NumberFormatException | NoSuchFileException e) {
                        // past the largest sequence, or deleted since listed: not a snapshot to offer
                    }
                }
            }
        }
        found.sort(Comparator.comparingLong(SnapshotInfo::sequence).reversed());
        return found;
    }

    /** Checks the whole file against its trailer and decodes its header; touches no engine. */
    private static SnapshotHeader verify(final SnapshotInfo info) throws IOException {
        try (FileChannel file = FileChannel.open(info.file(), StandardOpenOption.READ)) {
            final long size = file.size();
            final ByteBuffer start = ByteBuffer.allocate((int)Math.min(size, SnapshotHeader.MAX_LENGTH));
            readFully(file, start, 0);
            SnapshotHeader.checkFormat(start.flip());
            if (size < TRAILER_LENGTH + SnapshotHeader.MAGIC.length) {
                throw new CorruptSnapshotException("truncated: only " + size + " bytes");
            }
            final ByteBuffer trailer = ByteBuffer.allocate(TRAILER_LENGTH);
            readFully(file, trailer, size - TRAILER_LENGTH);
            final long trailerOffset = trailer.flip().getLong();
            final int storedChecksum = trailer.getInt();
            if (trailerOffset != size - TRAILER_LENGTH) {
                throw new CorruptSnapshotException("truncated or extended: the trailer is not at the end of its " + size
                    + " bytes");
            }
            final int checksum = checksum(file, size - Integer.BYTES);
            if (checksum != storedChecksum) {
                throw new CorruptSnapshotException(String.format("checksum mismatch: CRC32C %08x written, %08x read",
                    storedChecksum, checksum));
            }
            final SnapshotHeader header = SnapshotHeader.decode(start.rewind());
            if (header.lastAppliedSequence() != info.sequence()) {
                throw new CorruptSnapshotException("named for sequence " + info.sequence() + " but holds sequence "
                    + header.lastAppliedSequence());
            }
            return header;
        }
    }

    /** Checks an intact snapshot against the engine it would be loaded into. */
    private static void requireLoadableInto(final SnapshotHeader header, final List<StoreShape> shapes)
        throws CorruptSnapshotException {
        if (!FeatureSchema.ID.equals(header.schemaId())) {
            throw new CorruptSnapshotException("written for feature schema " + header.schemaId() + ", this engine has "
                + FeatureSchema.ID);
        }
        if (header.storeByteOrder() != ByteOrder.nativeOrder()) {
            throw new CorruptSnapshotException("written with " + header.storeByteOrder() + " store memory, this machine is "
                + ByteOrder.nativeOrder());
        }
        if (!header.stores().equals(shapes)) {
            throw new CorruptSnapshotException("store shapes differ: snapshot has " + describe(header.stores())
                + ", engine has " + describe(shapes));
        }
    }

    private static void load(final Path file, final SnapshotHeader header, final RiskEngine engine) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            in.position(header.length());
            engine.readSnapshot(in);
            final long end = in.size() - TRAILER_LENGTH;
            if (in.position() != end) {
                throw new CorruptSnapshotException("store sections end at byte " + in.position() + ", trailer at " + end);
            }
        }
        final long digest = engine.stateDigest();
        if (digest != header.stateDigest()) {
            throw new CorruptSnapshotException(String.format("state digest %016x after loading, %016x when written",
                digest, header.stateDigest()));
        }
    }

    private static int checksum(final FileChannel file, final long length) throws IOException {
        final CRC32C crc = new CRC32C();
        final ByteBuffer chunk = ByteBuffer.allocateDirect(VERIFY_CHUNK);
        for (long position = 0; position < length; position += chunk.capacity()) {
            chunk.clear().limit((int)Math.min(chunk.capacity(), length - position));
            readFully(file, chunk, position);
            crc.update(chunk.flip());
        }
        return (int)crc.getValue();
    }

    private static String describe(final List<StoreShape> shapes) {
        final StringBuilder out = new StringBuilder();
        for (final StoreShape shape : shapes) {
            out.append(out.length() == 0 ? "" : ", ").append(shape.name()).append(' ').append(shape.capacity())
                .append(" x ").append(shape.recordLength()).append(" B");
        }
        return out.toString();
    }

    private void deleteLeftovers() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (final Path file : files) {
                if (LEFTOVER_NAME.matcher(file.getFileName().toString()).matches()) {
                    Files.deleteIfExists(file);
                    LOG.log(System.Logger.Level.INFO, () -> "Snapshot leftover " + file
                        + " deleted: a snapshot write did not finish");
                }
            }
        }
    }

    private static void skipped(final SnapshotInfo info, final String reason) {
        LOG.log(System.Logger.Level.WARNING, "Snapshot " + info.file() + " skipped: " + reason);
    }

    /**
     * Makes the rename durable. Some platforms cannot open a directory as a channel (Windows); there the rename is
     * as durable as the file system makes it.
     */
    private void forceDirectory() throws IOException {
        final FileChannel dir;
        try {
            dir = FileChannel.open(directory, StandardOpenOption.READ);
        } catch (final IOException | UnsupportedOperationException e) {
            return;
        }
        try (dir) {
            dir.force(true);
        }
    }

    private static void deleteQuietly(final Path file, final Exception cause) {
        try {
            Files.deleteIfExists(file);
        } catch (final IOException e) {
            cause.addSuppressed(e);
        }
    }

    private static void writeFully(final WritableByteChannel out, final ByteBuffer source) throws IOException {
        while (source.hasRemaining()) {
            out.write(source);
        }
    }

    private static void readFully(final FileChannel in, final ByteBuffer target, final long position) throws IOException {
        long at = position;
        while (target.hasRemaining()) {
            final int read = in.read(target, at);
            if (read < 0) {
                throw new CorruptSnapshotException("truncated: ends at byte " + at);
            }
            at += read;
        }
    }

    /** Passes writes through to a file, folding exactly the bytes written into a CRC32C. */
    private static final class ChecksummingChannel implements WritableByteChannel {
        private final FileChannel file;
        private final CRC32C checksum = new CRC32C();

        ChecksummingChannel(final FileChannel file) {
            this.file = file;
        }

        @Override
        public int write(final ByteBuffer source) throws IOException {
            final ByteBuffer written = source.duplicate();
            final int count = file.write(source);
            checksum.update(written.limit(written.position() + count));
            return count;
        }

        @Override
        public boolean isOpen() {
            return file.isOpen();
        }

        @Override
        public void close() {
            // the file is closed by whoever opened it
        }
    }
}
