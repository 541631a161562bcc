package io.ringfence.pipeline;

import com.lmax.disruptor.EventHandler;
import io.ringfence.api.Action;
import io.ringfence.api.ResponseCode;
import io.ringfence.decision.RiskEngine;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.EventType;
import io.ringfence.metrics.EngineCounters;

/**
 * Stage 1: the business logic. The only thread that touches the {@link RiskEngine}'s state; events arrive in
 * ring order. A failure inside the business logic answers that one event with 96 (system malfunction) and the
 * stage carries on: the engine never stops deciding because of one bad event.
 */
final class BusinessLogicHandler implements EventHandler<EngineEvent> {
    private final RiskEngine riskEngine;
    private final EngineCounters counters;

    BusinessLogicHandler(final RiskEngine riskEngine, final EngineCounters counters) {
        this.riskEngine = riskEngine;
        this.counters = counters;
    }

    @Override
    public void onEvent(final EngineEvent event, final long sequence, final boolean endOfBatch) {
        try {
            riskEngine.process(event, sequence);
        } catch (final RuntimeException e) {
            counters.internalErrors.incrementRelease();
            event.clearOutcome();
            event.sequence = sequence;
            if (event.type == EventType.AUTHORIZE) {
                event.action = Action.DECLINE;
                event.responseCode = ResponseCode.SYSTEM_MALFUNCTION;
            }
        }
    }
}
