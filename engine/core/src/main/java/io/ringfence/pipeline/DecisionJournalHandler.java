package io.ringfence.pipeline;

import com.lmax.disruptor.EventHandler;
import io.ringfence.api.EngineCounter;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.EventType;
import io.ringfence.journal.DecisionJournal;
import io.ringfence.journal.JournalException;
import io.ringfence.metrics.EngineCounters;

/**
 * Stage 3, after the response stage: writes each decision to the audit journal, marked as a stand-in when the caller
 * was not told it (its deadline had passed, or its input could not be journaled). It does not hold responses back: the input journal is the source of truth, and replaying it reproduces every decision, so a decision lost
 * from the audit journal in a crash is recomputed exactly by {@code ringfence replay}. A failed write is counted
 * and said once; input journaling and decisions go on.
 */
final class DecisionJournalHandler implements EventHandler<EngineEvent> {
    private static final System.Logger LOG = System.getLogger("io.ringfence.journal");

    private final DecisionJournal journal;
    private final EngineCounters counters;
    private boolean failureReported;

    DecisionJournalHandler(final DecisionJournal journal, final EngineCounters counters) {
        this.journal = journal;
        this.counters = counters;
    }

    @Override
    public void onEvent(final EngineEvent event, final long sequence, final boolean endOfBatch) {
        if (event.type == EventType.QUERY) {
            return;
        }
        try {
            journal.append(event, System.nanoTime() - event.ingressNanos, event.journalFailed || event.deliveredLate);
        } catch (final JournalException e) {
            counters.get(EngineCounter.DECISION_JOURNAL_FAILURES).incrementRelease();
            if (!failureReported) {
                failureReported = true;
                LOG.log(System.Logger.Level.ERROR, "Decision journal write failed; decisions go on, audit records "
                    + "can be rebuilt with 'ringfence replay': " + e.getMessage());
            }
        }
    }

    @Override
    public void onShutdown() {
        journal.close();
    }
}
