package io.ringfence.metrics;

import io.ringfence.api.Action;
import io.ringfence.api.EngineCounter;
import io.ringfence.api.FlagReason;
import io.ringfence.api.ResponseCode;
import io.ringfence.event.Rejection;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineCountersTest {
    @Test
    void everyKindHasItsNamedCounterStartingAtZero() {
        final Map<String, Long> snapshot = new EngineCounters().snapshot();
        for (final Rejection r : Rejection.values()) {
            assertEquals(0L, snapshot.get("rejections." + r));
        }
        for (final Action a : Action.values()) {
            assertEquals(0L, snapshot.get("decisions.action." + a));
        }
        for (final ResponseCode c : ResponseCode.values()) {
            assertEquals(0L, snapshot.get("decisions.code." + c.code()));
        }
        for (final FlagReason f : FlagReason.values()) {
            assertEquals(f != FlagReason.NOT_FLAGGED, snapshot.containsKey("flags.raised." + f));
        }
        for (final String name : new String[] {"standin.deadline", "standin.ring-full", "standin.stopped",
            "decisions.late", "cards.evicted", "cards.evicted.flagged", "flags.blocked.CP", "errors.internal"}) {
            assertTrue(snapshot.containsKey(name), name);
        }
        assertFalse(snapshot.containsKey("flags.raised.NOT_FLAGGED"));
    }

    @Test
    void incrementsShowInTheSnapshot() {
        final EngineCounters counters = new EngineCounters();
        counters.rejections(Rejection.CARD_EXPIRED).incrementRelease();
        counters.decisions(ResponseCode.EXPIRED_CARD).incrementRelease();
        counters.get(EngineCounter.STAND_IN_DEADLINE).increment();
        counters.get(EngineCounter.STAND_IN_DEADLINE).increment();
        final Map<String, Long> snapshot = counters.snapshot();
        assertEquals(1L, snapshot.get("rejections.CARD_EXPIRED"));
        assertEquals(1L, snapshot.get("decisions.code.54"));
        assertEquals(2L, snapshot.get("standin.deadline"));
    }
}
