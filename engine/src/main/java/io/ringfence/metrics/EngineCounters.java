package io.ringfence.metrics;

import io.ringfence.api.Action;
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

    private final CountersManager manager;
    private final AtomicCounter[] decisionsByAction = new AtomicCounter[Action.values().length];
    private final AtomicCounter[] decisionsByCode = new AtomicCounter[ResponseCode.values().length];
    private final AtomicCounter[] rejections = new AtomicCounter[Rejection.values().length];
    private final AtomicCounter[] flagsRaised = new AtomicCounter[FlagReason.values().length];
    public final AtomicCounter authorizationsCardPresent;
    public final AtomicCounter authorizationsCardNotPresent;
    public final AtomicCounter crossChannelBlocks;
    public final AtomicCounter flagsCleared;
    public final AtomicCounter fraudReports;
    public final AtomicCounter tokenLinks;
    public final AtomicCounter cardsHeld;
    public final AtomicCounter cardEvictions;
    public final AtomicCounter flaggedCardEvictions;
    public final AtomicCounter standInDeadline;
    public final AtomicCounter standInRingFull;
    public final AtomicCounter standInStopped;
    public final AtomicCounter lateDecisions;
    public final AtomicCounter controlEventsRejected;
    public final AtomicCounter internalErrors;
    public final AtomicCounter journalFailures;
    public final AtomicCounter decisionJournalFailures;
    public final AtomicCounter standInJournal;
    public final AtomicCounter eventsRecovered;

    public EngineCounters() {
        manager = new CountersManager(
            new UnsafeBuffer(ByteBuffer.allocateDirect(MAX_COUNTERS * CountersReader.METADATA_LENGTH)),
            new UnsafeBuffer(ByteBuffer.allocateDirect(MAX_COUNTERS * CountersReader.COUNTER_LENGTH)));
        for (final Action action : Action.values()) {
            decisionsByAction[action.ordinal()] = counter("decisions.action." + action);
        }
        for (final ResponseCode code : ResponseCode.values()) {
            decisionsByCode[code.ordinal()] = counter("decisions.code." + code.code());
        }
        for (final Rejection rejection : Rejection.values()) {
            rejections[rejection.ordinal()] = counter("rejections." + rejection);
        }
        for (final FlagReason reason : FlagReason.values()) {
            if (reason != FlagReason.NOT_FLAGGED) {
                flagsRaised[reason.ordinal()] = counter("flags.raised." + reason);
            }
        }
        authorizationsCardPresent = counter("authorizations.CP");
        authorizationsCardNotPresent = counter("authorizations.CNP");
        crossChannelBlocks = counter("flags.blocked.CP");
        flagsCleared = counter("flags.cleared");
        fraudReports = counter("fraud.reports");
        tokenLinks = counter("token.links");
        cardsHeld = counter("cards.held");
        cardEvictions = counter("cards.evicted");
        flaggedCardEvictions = counter("cards.evicted.flagged");
        standInDeadline = counter("standin.deadline");
        standInRingFull = counter("standin.ring-full");
        standInStopped = counter("standin.stopped");
        lateDecisions = counter("decisions.late");
        controlEventsRejected = counter("control.rejected");
        internalErrors = counter("errors.internal");
        journalFailures = counter("journal.failures");
        decisionJournalFailures = counter("journal.decisions.failures");
        standInJournal = counter("standin.journal");
        eventsRecovered = counter("journal.recovered");
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

    private AtomicCounter counter(final String label) {
        return new AtomicCounter(manager.valuesBuffer(), manager.allocate(label), manager);
    }
}
