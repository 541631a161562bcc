package io.ringfence.pipeline;

import io.ringfence.api.JournalConfig;
import io.ringfence.decision.RiskEngine;
import io.ringfence.journal.EventJournal;
import io.ringfence.journal.JournalException;
import io.ringfence.journal.JournalOwnership;
import io.ringfence.journal.JournalReader;
import io.ringfence.snapshot.SnapshotStore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes snapshots without pausing the engine thread. The writer keeps a replica of the business-logic state on a
 * thread of its own ({@code ringfence-snapshots}): it recovers the replica as the engine recovered (newest
 * snapshot, then the journal), then follows the input journal, applying every event through the same
 * {@link RiskEngine#apply}. Determinism makes the replica the engine's state at the same sequence, so a snapshot is
 * the replica written out, while the engine thread goes on deciding. The writer then prunes old snapshots and
 * deletes the journal files the snapshot covers (retention), also off the engine thread.
 *
 * <p>The price is a second copy of the stores in memory and the replay work (about a microsecond an event) on
 * another core; the writer sleeps between reads rather than spin, so it is never one of the busy threads. It is
 * started by the first snapshot request, or at start when periodic snapshots are configured, so an engine that never
 * snapshots pays nothing.
 */
final class SnapshotWriter implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.ringfence.snapshot");
    private static final int SNAPSHOTS_KEPT = 3;
    private static final long FOLLOW_BATCH = 4_096;
    private static final long IDLE_POLL_MILLIS = 5;

    private final RiskEngine replica;
    private final SnapshotStore snapshots;
    private final JournalConfig journal;
    private final EventJournal input;
    private final JournalOwnership ownership;
    private final JournalHealth health;
    private final LinkedBlockingQueue<CompletableFuture<Path>> requests = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    /** The last sequence the replica has applied; written by the writer thread only. */
    private long applied = -1L;
    private JournalReader reader;


    /**
     * @param replica a fresh business logic built like the engine's, owned by the writer from now on
     */
    SnapshotWriter(final RiskEngine replica, final SnapshotStore snapshots, final JournalConfig journal,
        final EventJournal input, final JournalOwnership ownership, final JournalHealth health) {
        this.replica = replica;
        this.snapshots = snapshots;
        this.journal = journal;
        this.input = input;
        this.ownership = ownership;
        this.health = health;
        this.thread = new Thread(this::run, "ringfence-snapshots");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Asks for a snapshot covering every event in the input journal when the request is taken: every event whose
     * decision was released before this call, since a decision is released only after its event is journaled.
     *
     * @return completes with the snapshot file, or exceptionally with the reason none was written
     */
    CompletableFuture<Path> snapshotLatest() {
        final CompletableFuture<Path> done = new CompletableFuture<>();
        if (!running) {
            done.completeExceptionally(new IllegalStateException("the snapshot writer has stopped"));
            return done;
        }
        requests.add(done);
        return done;
    }

    private void run() {
        try {
            recover();
            while (running) {
                final CompletableFuture<Path> request = requests.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                followJournal();
                if (request != null) {
                    write(request);
                }
            }
        } catch (final InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (final RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Snapshot writer stopped, no more snapshots until restart: " + e, e);
        } finally {
            running = false;
            CompletableFuture<Path> left;
            while ((left = requests.poll()) != null) {
                left.completeExceptionally(new IllegalStateException("the snapshot writer has stopped"));
            }
            if (reader != null) {
                reader.close();
            }
        }
    }

    /** Brings the replica to the engine's recovered state: the newest snapshot, then the journal after it. */
    private void recover() {
        try {
            applied = snapshots.loadLatest(replica).orElse(-1L);
        } catch (final IOException e) {
            throw new IllegalStateException("cannot read snapshots in " + snapshots.directory() + ": " + e, e);
        }
    }

    private void followJournal() {
        if (reader == null) {
            if (!JournalReader.holdsJournal(journal.inputDirectory())) {
                return;
            }
            reader = JournalReader.open(journal.inputDirectory());
        }
        while (reader.follow(applied, FOLLOW_BATCH, (event, sequence) -> {
            replica.apply(event, sequence);
            applied = sequence;
        }) > 0) {
            Thread.onSpinWait();
        }
    }

    private void write(final CompletableFuture<Path> request) {
        if (!health.isHealthy()) {
            request.completeExceptionally(new IllegalStateException(
                "journal unavailable, no snapshot taken: " + health.failure()));
            return;
        }
        if (applied < 0) {
            request.completeExceptionally(new IllegalStateException("the journal holds no event yet: no snapshot"
                + " taken"));
            return;
        }
        final Path file;
        try {
            file = snapshots.write(replica, applied);
            snapshots.prune(SNAPSHOTS_KEPT);
        } catch (final IOException | RuntimeException e) {
            request.completeExceptionally(new IllegalStateException("snapshot failed in "
                + snapshots.directory() + ": " + e.getMessage(), e));
            return;
        }
        request.complete(file);
        try {
            input.deleteCyclesCoveredBy(applied, ownership::recordDeletedThrough);
        } catch (final JournalException e) {
            LOG.log(System.Logger.Level.WARNING, "Journal retention skipped: " + e.getMessage());
        }
    }

    /** Stops the writer; a snapshot being written is finished first. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
