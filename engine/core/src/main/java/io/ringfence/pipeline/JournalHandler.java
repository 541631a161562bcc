package io.ringfence.pipeline;

import com.lmax.disruptor.EventHandler;
import io.ringfence.api.EngineCounter;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.EventType;
import io.ringfence.journal.EventJournal;
import io.ringfence.journal.JournalException;
import io.ringfence.metrics.EngineCounters;

import java.util.Arrays;

/**
 * Stage 1, beside the business logic: appends every input event to the {@link EventJournal}. The response stage
 * waits for this one, so no decision is released before its input is journaled.
 *
 * <p>The first failed write puts the engine in degraded mode for good: that event and every later one are marked
 * {@link EngineEvent#journalFailed} and not written, so the journal stays a clean prefix of the ring and the
 * callers of those events get stand-in decisions. Ingress stops taking new requests. A restart recovers exactly
 * the journaled prefix, which holds every decision a caller has seen.
 */
final class JournalHandler implements EventHandler<EngineEvent> {
    private static final System.Logger LOG = System.getLogger("io.ringfence.journal");

    private final EventJournal journal;
    private final long firstSequence;
    private final JournalHealth health;
    private final EngineCounters counters;
    /** The batch's events so far: if the sync that ends it fails, none of them may be released as decided. */
    private final EngineEvent[] batch;
    private int batchSize;

    JournalHandler(final EventJournal journal, final long firstSequence,
        final JournalHealth health, final EngineCounters counters, final int maxBatch) {
        this.batch = new EngineEvent[maxBatch];
        this.journal = journal;
        this.firstSequence = firstSequence;
        this.health = health;
        this.counters = counters;
    }

    @Override
    public void onEvent(final EngineEvent event, final long sequence, final boolean endOfBatch) {
        if (!health.isHealthy()) {
            event.journalFailed = event.type != EventType.QUERY;
            return;
        }
        try {
            if (event.type != EventType.QUERY) {
                journal.append(event, firstSequence + sequence);
                batch[batchSize++ % batch.length] = event;
            }
        } catch (final JournalException e) {
            event.journalFailed = event.type != EventType.QUERY;
            clearBatch(batchSize);
            batchSize = 0;
            fail(e);
            return;
        }
        if (endOfBatch) {
            try {
                if (journal.sync()) {
                    counters.get(EngineCounter.JOURNAL_SYNCS).incrementRelease();
                }
                clearBatch(batchSize);
                batchSize = 0;
            } catch (final JournalException e) {
                failBatch();
                fail(e);
            }
        }
    }

    /** The journal failed: every later event is answered with the journal stand-in, and that is said once. */
    private void fail(final JournalException e) {
        counters.get(EngineCounter.JOURNAL_FAILURES).incrementRelease();
        health.fail(e.getMessage());
        LOG.log(System.Logger.Level.ERROR, "Journal write failed, engine now answers with stand-in decisions: "
            + e.getMessage());
    }

    /**
     * The batch's events could not be made durable: none is released as decided (each caller gets the journal
     * stand-in). They have not been released yet: the response stage waits for this stage's whole batch.
     */
    private void failBatch() {
        for (int i = 0; i < Math.min(batchSize, batch.length); i++) {
            batch[i].journalFailed = true;
        }
        clearBatch(batchSize);
        batchSize = 0;
    }

    private void clearBatch(final int size) {
        Arrays.fill(batch, 0, Math.min(size, batch.length), null);
    }

    @Override
    public void onShutdown() {
        journal.close();
    }
}
