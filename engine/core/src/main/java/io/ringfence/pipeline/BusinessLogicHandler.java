package io.ringfence.pipeline;

import com.lmax.disruptor.EventHandler;
import io.ringfence.decision.RiskEngine;
import io.ringfence.event.EngineEvent;

/**
 * Stage 1: the business logic. The only thread that touches the {@link RiskEngine}'s state; events arrive in
 * ring order and are numbered {@code firstSequence + ring sequence}, so numbering carries on across restarts. Each
 * event goes through {@link RiskEngine#apply}, which answers an event that fails the same way live and on replay.
 * Snapshots are not written here: the {@link SnapshotWriter} writes them from a replica, so this thread never
 * pauses for one.
 */
final class BusinessLogicHandler implements EventHandler<EngineEvent> {
    private final RiskEngine riskEngine;
    private final long firstSequence;

    BusinessLogicHandler(final RiskEngine riskEngine, final long firstSequence) {
        this.riskEngine = riskEngine;
        this.firstSequence = firstSequence;
    }

    @Override
    public void onEvent(final EngineEvent event, final long sequence, final boolean endOfBatch) {
        riskEngine.apply(event, firstSequence + sequence);
    }
}
