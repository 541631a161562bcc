package io.ringfence.pipeline;

import io.ringfence.api.ThreadingMode;
import io.ringfence.api.WaitStrategyKind;

/**
 * How the pipeline maps onto threads.
 *
 * @param mode            one engine thread for every stage, or a thread per stage
 * @param waitStrategy    how a stage thread waits for the next event
 * @param singleProducer  only one thread publishes: the ring claims slots without a compare-and-set
 * @param pinEngineThread the thread running the business logic asks for a CPU of its own
 */
public record PipelineThreads(ThreadingMode mode, WaitStrategyKind waitStrategy, boolean singleProducer,
    boolean pinEngineThread) {
}
