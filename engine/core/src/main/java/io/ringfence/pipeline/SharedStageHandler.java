package io.ringfence.pipeline;

import com.lmax.disruptor.EventHandler;
import io.ringfence.event.EngineEvent;

/**
 * {@link io.ringfence.api.ThreadingMode#SHARED}: every stage on one thread, in the order the dedicated stages keep.
 * Per event: input-journal append, business logic, then release and the audit record. When the journal syncs each
 * batch ({@code POWER_LOSS}), the releases wait for the batch's end, after the one sync that covers it (group commit;
 * a batch holds at most the journal's {@code maxBatch} events); otherwise each answer goes as soon as its event is
 * decided.
 */
final class SharedStageHandler implements EventHandler<EngineEvent> {
    private final JournalHandler journal;
    private final BusinessLogicHandler businessLogic;
    private final ResponseHandler response;
    private final DecisionJournalHandler decisions;
    private final boolean releaseAfterBatchSync;
    private final EngineEvent[] batch;
    private final long[] batchSequences;
    private int batchSize;

    /**
     * @param journal   the input journal stage, or null without a journal
     * @param decisions the decision journal stage, or null without a journal
     */
    SharedStageHandler(final JournalHandler journal, final BusinessLogicHandler businessLogic,
        final ResponseHandler response, final DecisionJournalHandler decisions, final boolean releaseAfterBatchSync,
        final int maxBatch) {
        this.journal = journal;
        this.businessLogic = businessLogic;
        this.response = response;
        this.decisions = decisions;
        this.releaseAfterBatchSync = releaseAfterBatchSync;
        this.batch = new EngineEvent[releaseAfterBatchSync ? maxBatch : 0];
        this.batchSequences = new long[batch.length];
    }

    @Override
    public void onEvent(final EngineEvent event, final long sequence, final boolean endOfBatch) {
        if (journal != null) {
            journal.onEvent(event, sequence, endOfBatch);
        }
        businessLogic.onEvent(event, sequence, endOfBatch);
        if (!releaseAfterBatchSync) {
            release(event, sequence, endOfBatch);
            return;
        }
        batch[batchSize] = event;
        batchSequences[batchSize++] = sequence;
        if (endOfBatch) {
            for (int i = 0; i < batchSize; i++) {
                release(batch[i], batchSequences[i], i == batchSize - 1);
                batch[i] = null;
            }
            batchSize = 0;
        }
    }

    private void release(final EngineEvent event, final long sequence, final boolean endOfBatch) {
        response.onEvent(event, sequence, endOfBatch);
        if (decisions != null) {
            decisions.onEvent(event, sequence, endOfBatch);
        }
    }

    @Override
    public void onStart() {
        if (journal != null) {
            journal.onStart();
        }
    }

    @Override
    public void onShutdown() {
        if (journal != null) {
            journal.onShutdown();
        }
        if (decisions != null) {
            decisions.onShutdown();
        }
    }
}
