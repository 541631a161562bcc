package io.ringfence.pipeline;

import com.lmax.disruptor.ExceptionHandler;
import io.ringfence.api.EngineCounter;
import io.ringfence.event.EngineEvent;
import io.ringfence.metrics.EngineCounters;

/**
 * What a stage does with an exception that escapes its handler: counts it, records it once in the distinct-error
 * log, and carries on with the next event. The Disruptor's default would halt the stage, and a halted stage stops
 * every caller behind it; the business logic answers its own failures before they get here, so this catches only
 * what no stage expects.
 */
final class StageExceptionHandler implements ExceptionHandler<EngineEvent> {
    private final EngineCounters counters;

    StageExceptionHandler(final EngineCounters counters) {
        this.counters = counters;
    }

    @Override
    public void handleEventException(final Throwable error, final long sequence, final EngineEvent event) {
        record(error);
    }

    @Override
    public void handleOnStartException(final Throwable error) {
        record(error);
    }

    @Override
    public void handleOnShutdownException(final Throwable error) {
        record(error);
    }

    private void record(final Throwable error) {
        counters.get(EngineCounter.INTERNAL_ERRORS).increment();
        counters.errors().record(error);
    }
}
