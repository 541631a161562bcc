package io.ringfence.pipeline;

import com.lmax.disruptor.EventHandler;
import io.ringfence.decision.RiskEngine;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.EventType;
import io.ringfence.event.QueryKind;
import io.ringfence.snapshot.SnapshotStore;

import java.io.IOException;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Stage 1: the business logic. The only thread that touches the {@link RiskEngine}'s state; events arrive in
 * ring order and are numbered {@code firstSequence + ring sequence}, so numbering carries on across restarts. Each
 * event goes through {@link RiskEngine#apply}, which answers an event that fails the same way live and on replay.
 *
 * <p>Snapshots are written here, since this thread owns the state: the stage first waits until the journal stage
 * has journaled every event before the snapshot, so a snapshot never holds an event the journal lacks. The
 * pipeline pauses while it writes: an operator's action, not a per-event cost.
 */
final class BusinessLogicHandler implements EventHandler<EngineEvent> {
    private static final int SNAPSHOTS_KEPT = 3;

    private final RiskEngine riskEngine;
    private final long firstSequence;
    private final SnapshotStore snapshots;
    private final LongSupplier journalProgress;
    private final JournalHealth journalHealth;
    private final LongConsumer snapshotWritten;

    /** An engine without a journal, or whose journal failed to open: no snapshots. */
    BusinessLogicHandler(final RiskEngine riskEngine, final JournalHealth journalHealth) {
        this(riskEngine, 0L, null, () -> Long.MAX_VALUE, journalHealth, sequence -> { });
    }

    BusinessLogicHandler(final RiskEngine riskEngine, final long firstSequence,
        final SnapshotStore snapshots, final LongSupplier journalProgress, final JournalHealth journalHealth,
        final LongConsumer snapshotWritten) {
        this.riskEngine = riskEngine;
        this.firstSequence = firstSequence;
        this.snapshots = snapshots;
        this.journalProgress = journalProgress;
        this.journalHealth = journalHealth;
        this.snapshotWritten = snapshotWritten;
    }

    @Override
    public void onEvent(final EngineEvent event, final long sequence, final boolean endOfBatch) {
        final long globalSequence = firstSequence + sequence;
        if (event.type == EventType.QUERY && event.queryKind == QueryKind.SNAPSHOT) {
            snapshot(event, sequence, globalSequence);
            return;
        }
        riskEngine.apply(event, globalSequence);
    }

    private void snapshot(final EngineEvent event, final long ringSequence, final long globalSequence) {
        event.clearOutcome();
        event.sequence = globalSequence;
        if (!journalHealth.isHealthy()) {
            event.queryResult = "journal unavailable, no snapshot taken: " + journalHealth.failure();
            return;
        }
        if (snapshots == null) {
            event.queryResult = "no journal configured: nothing to snapshot against";
            return;
        }
        while (journalProgress.getAsLong() < ringSequence - 1 && journalHealth.isHealthy()) {
            Thread.onSpinWait();
        }
        if (!journalHealth.isHealthy()) {
            event.queryResult = "journal unavailable, no snapshot taken: " + journalHealth.failure();
            return;
        }
        try {
            event.queryResult = snapshots.write(riskEngine, globalSequence - 1);
            event.applied = true;
            snapshots.prune(SNAPSHOTS_KEPT);
            snapshotWritten.accept(globalSequence - 1);
        } catch (final IOException | RuntimeException e) {
            event.queryResult = "snapshot failed in " + snapshots.directory() + ": " + e.getMessage();
        }
    }
}
