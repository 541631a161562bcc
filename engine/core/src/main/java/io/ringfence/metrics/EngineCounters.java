package io.ringfence.metrics;

import io.ringfence.api.Action;
import io.ringfence.api.EngineCounter;
import io.ringfence.api.FlagReason;
import io.ringfence.api.ResponseCode;
import io.ringfence.event.Rejection;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine's counters, Aeron style: {@link AtomicCounter}s in one buffer instead of log lines on hot paths.
 * Counters written by one thread (the business logic) use release stores; those written by many (gateway
 * threads, the response stage) use atomic increments. Any thread may read them at any time.
 */
public final class EngineCounters {
    private static final int MAX_COUNTERS = 96;
    /** Type ids of the per-value families, after the {@link EngineCounter} ids. */
    private static final int FAMILY_DECISIONS_BY_ACTION = 100;
    private static final int FAMILY_DECISIONS_BY_CODE = 101;
    private static final int FAMILY_REJECTIONS = 102;
    private static final int FAMILY_FLAGS_RAISED = 103;

    private final CountersManager manager;
    private final AtomicCounter[] decisionsByAction = new AtomicCounter[Action.values().length];
    private final AtomicCounter[] decisionsByCode = new AtomicCounter[ResponseCode.values().length];
    private final AtomicCounter[] rejections = new AtomicCounter[Rejection.values().length];
    private final AtomicCounter[] flagsRaised = new AtomicCounter[FlagReason.values().length];
    private final AtomicCounter[] counters = new AtomicCounter[EngineCounter.values().length];
    private final DistinctErrors errors = new DistinctErrors();

    public EngineCounters() {
        manager = new CountersManager(
            new UnsafeBuffer(ByteBuffer.allocateDirect(MAX_COUNTERS * CountersReader.METADATA_LENGTH)),
            new UnsafeBuffer(ByteBuffer.allocateDirect(MAX_COUNTERS * CountersReader.COUNTER_LENGTH)));
        for (final Action action : Action.values()) {
            decisionsByAction[action.ordinal()] = counter("decisions.action." + action, FAMILY_DECISIONS_BY_ACTION);
        }
        for (final ResponseCode code : ResponseCode.values()) {
            decisionsByCode[code.ordinal()] = counter("decisions.code." + code.code(), FAMILY_DECISIONS_BY_CODE);
        }
        for (final Rejection rejection : Rejection.values()) {
            rejections[rejection.ordinal()] = counter("rejections." + rejection, FAMILY_REJECTIONS);
        }
        for (final FlagReason reason : FlagReason.values()) {
            if (reason != FlagReason.NOT_FLAGGED) {
                flagsRaised[reason.ordinal()] = counter("flags.raised." + reason, FAMILY_FLAGS_RAISED);
            }
        }
        for (final EngineCounter counter : EngineCounter.values()) {
            counters[counter.ordinal()] = counter(counter.label(), counter.id());
        }
    }

    /** A single-valued counter. */
    public AtomicCounter get(final EngineCounter counter) {
        return counters[counter.ordinal()];
    }

    /** The engine's distinct-error log, beside its counters. */
    public DistinctErrors errors() {
        return errors;
    }

    public AtomicCounter decisions(final Action action) {
        return decisionsByAction[action.ordinal()];
    }

    public AtomicCounter decisions(final ResponseCode code) {
        return decisionsByCode[code.ordinal()];
    }

    public AtomicCounter rejections(final Rejection rejection) {
        return rejections[rejection.ordinal()];
    }

    public AtomicCounter flagsRaised(final FlagReason reason) {
        return flagsRaised[reason.ordinal()];
    }

    /** Every counter by label, in registration order. */
    public Map<String, Long> snapshot() {
        final Map<String, Long> values = new LinkedHashMap<>();
        manager.forEach((value, id, label) -> values.put(label, value));
        return values;
    }

    private AtomicCounter counter(final String label, final int typeId) {
        return new AtomicCounter(manager.valuesBuffer(), manager.allocate(label, typeId), manager);
    }
}
