package io.ringfence.pipeline;

import io.ringfence.api.JournalConfig;
import io.ringfence.decision.RiskEngine;
import io.ringfence.journal.JournalException;
import io.ringfence.journal.JournalReader;
import io.ringfence.snapshot.SnapshotStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.OptionalLong;

/**
 * Rebuilds the business-logic state on start: the newest good snapshot, then every journaled event after it,
 * through the same {@link RiskEngine#apply} the live pipeline uses. Runs before the ring starts, on the starting
 * thread.
 *
 * @param snapshotSequence the last sequence the loaded snapshot covers, or -1 when none was loaded
 * @param eventsReplayed   journal events applied after the snapshot
 * @param replayNanos      time spent replaying
 * @param nextSequence     the sequence the first new event gets
 */
record Recovery(long snapshotSequence, long eventsReplayed, long replayNanos, long nextSequence) {
    static final Recovery FRESH = new Recovery(-1, 0, 0, 0);

    static Recovery run(final RiskEngine riskEngine, final SnapshotStore snapshots, final JournalConfig config,
        final long journalDeletedThrough) {
        final OptionalLong snapshot;
        try {
            snapshot = snapshots.loadLatest(riskEngine);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read snapshots in " + snapshots.directory() + ": " + e.getMessage(), e);
        }
        final long snapshotSequence = snapshot.orElse(-1L);
        if (snapshotSequence < journalDeletedThrough) {
            riskEngine.clearState();
            throw new JournalException("retention deleted the journal's events through sequence " + journalDeletedThrough
                + (snapshot.isPresent() ? " but the newest snapshot that loads ends at " + snapshotSequence
                    : " and no snapshot loads") + ": the history between is lost; restore a snapshot covering sequence "
                + journalDeletedThrough + " to " + snapshots.directory());
        }
        if (!Files.isDirectory(config.inputDirectory())) {
            return new Recovery(snapshotSequence, 0, 0, snapshotSequence + 1);
        }
        final long start = System.nanoTime();
        try (JournalReader reader = JournalReader.open(config.inputDirectory())) {
            final long replayed = reader.replay(snapshotSequence, riskEngine::apply);
            final long last = Math.max(snapshotSequence, reader.lastSequence());
            return new Recovery(snapshotSequence, replayed, System.nanoTime() - start, last + 1);
        }
    }

    /** Replay rate in events per second. */
    double eventsPerSecond() {
        return replayNanos == 0 ? 0 : eventsReplayed * 1e9 / replayNanos;
    }
}
