package io.ringfence.pipeline;

import io.ringfence.api.Action;
import io.ringfence.api.Decision;
import io.ringfence.api.EngineCounter;
import io.ringfence.api.Fingerprint;
import io.ringfence.api.FlagReason;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.ResponseSink;
import io.ringfence.metrics.EngineCounters;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * One caller's claim on the outcome of one event. The response stage copies the outcome in and completes it;
 * the caller waits until its deadline and, if the deadline passes first, abandons it. Exactly one of the two
 * wins, by compare-and-set: a caller never sees a decision after it has been given a stand-in, and an outcome
 * that arrives after the deadline is counted as late.
 */
public class PendingResponse implements ResponseSink {
    private static final int PENDING = 0;
    private static final int DONE = 1;
    private static final int ABANDONED = 2;
    /** Spins before parking: a decision usually arrives within a few microseconds. */
    private static final int SPINS = 200;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(PendingResponse.class, "state", int.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final EngineCounters counters;
    private volatile int state = PENDING;
    private volatile Thread waiter;

    private Object requestId;
    private Action action;
    private ResponseCode responseCode;
    private int score;
    private String scorerVersion;
    private String ruleName;
    private ReasonCode reason0;
    private ReasonCode reason1;
    private ReasonCode reason2;
    private long fingerprintHigh;
    private long fingerprintLow;
    private long sequence;
    private long latencyNanos;
    private FlagReason flagRaised;
    private boolean applied;
    private boolean journalFailed;
    private Object queryResult;

    public PendingResponse(final EngineCounters counters) {
        this.counters = counters;
    }

    @Override
    public final boolean onResponse(final EngineEvent event, final long releaseNanos) {
        requestId = event.requestId;
        action = event.action;
        responseCode = event.responseCode;
        score = event.score;
        scorerVersion = event.scorerVersion;
        ruleName = event.ruleName;
        reason0 = event.reason0;
        reason1 = event.reason1;
        reason2 = event.reason2;
        fingerprintHigh = event.resolvedFingerprintHigh;
        fingerprintLow = event.resolvedFingerprintLow;
        sequence = event.sequence;
        latencyNanos = releaseNanos - event.ingressNanos;
        flagRaised = event.flagRaised;
        applied = event.applied;
        journalFailed = event.journalFailed;
        queryResult = event.queryResult;
        if (STATE.compareAndSet(this, PENDING, DONE)) {
            completed();
            final Thread parked = waiter;
            if (parked != null) {
                LockSupport.unpark(parked);
            }
            return true;
        }
        counters.get(EngineCounter.LATE_DECISIONS).increment();
        return false;
    }

    /** Called on the response thread once the outcome is in; subclasses complete futures here. */
    protected void completed() {
    }

    /**
     * Waits for the outcome until {@code deadlineNanos} ({@link System#nanoTime()} scale).
     *
     * @return true when the outcome arrived; false when the deadline passed and this response is now abandoned
     */
    public final boolean await(final long deadlineNanos) {
        for (int i = 0; i < SPINS; i++) {
            if (state == DONE) {
                return true;
            }
            Thread.onSpinWait();
        }
        waiter = Thread.currentThread();
        while (state == PENDING) {
            final long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                return !abandon();
            }
            LockSupport.parkNanos(this, remaining);
        }
        return state == DONE;
    }

    /** Gives up on the outcome; true when this call won, false when the outcome had already arrived. */
    public final boolean abandon() {
        return STATE.compareAndSet(this, PENDING, ABANDONED);
    }

    public final boolean isDone() {
        return state == DONE;
    }

    /** The decision for an authorization; valid once the outcome is in. */
    public final Decision toDecision() {
        return new Decision(requestId == null ? null : requestId.toString(), action, responseCode, score,
            ReasonCode.listOf(reason0, reason1, reason2),
            fingerprint(), latencyNanos, false, sequence, scorerVersion, flagRaised, ruleName);
    }

    public final Fingerprint fingerprint() {
        return new Fingerprint(fingerprintHigh, fingerprintLow);
    }

    public final long sequence() {
        return sequence;
    }

    public final long latencyNanos() {
        return latencyNanos;
    }

    public final FlagReason flagRaised() {
        return flagRaised;
    }

    public final boolean applied() {
        return applied;
    }

    /** True when the event could not be journaled: its outcome must not reach the caller. */
    public final boolean journalFailed() {
        return journalFailed;
    }

    public final Object queryResult() {
        return queryResult;
    }
}
