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
 * A caller's reusable claim on the outcome of its current event. The response stage copies the outcome in and
 * completes it; the caller waits until its deadline and, if the deadline passes first, abandons it. Exactly one of
 * the two wins, by compare-and-set: a caller never sees a decision after it has been given a stand-in, and an outcome
 * that arrives after the deadline is counted as late.
 *
 * <p>One slot serves one caller thread for request after request, so a synchronous call allocates no slot. Each
 * request takes a new generation ({@link #begin}); the event carries it ({@link EngineEvent#sinkGeneration}), and an
 * outcome is accepted only for the generation still pending: the late answer to an abandoned request can neither
 * complete nor overwrite the next one. The outcome is copied in under a WRITING claim, so an abandon that races it
 * waits the few nanoseconds the copy takes instead of reading half an outcome.
 *
 * <p>The caller waits by spinning for the configured window (a decision usually arrives in microseconds, and a
 * park/unpark wake-up costs 70–85 µs at p99 on two cores), then yields, then parks until the deadline.
 */
public class PendingResponse implements ResponseSink {
    private static final long PENDING = 0;
    private static final long WRITING = 1;
    private static final long DONE = 2;
    private static final long ABANDONED = 3;
    private static final long PHASE_MASK = 3;
    private static final int GENERATION_SHIFT = 2;
    /** Spin and yield windows of a slot built without a configuration: tests and benchmarks. */
    private static final long DEFAULT_SPIN_NANOS = 50_000;
    private static final long DEFAULT_YIELD_NANOS = 500_000;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(PendingResponse.class, "state", long.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final EngineCounters counters;
    private final long spinNanos;
    private final long yieldNanos;
    /** Generation in the high bits, phase in the low two. */
    private volatile long state;
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
        this(counters, DEFAULT_SPIN_NANOS, DEFAULT_YIELD_NANOS);
    }

    /**
     * @param spinNanos  how long a waiting caller spins before it yields
     * @param yieldNanos how long it then yields before it parks
     */
    public PendingResponse(final EngineCounters counters, final long spinNanos, final long yieldNanos) {
        this.counters = counters;
        this.spinNanos = spinNanos;
        this.yieldNanos = yieldNanos;
    }

    /**
     * Starts the slot's next request, forgetting the last one (whose late outcome, if any, will be refused).
     *
     * @return the generation the request's event must carry
     */
    public final long begin() {
        final long generation = ((long)STATE.getVolatile(this) >>> GENERATION_SHIFT) + 1;
        waiter = null;
        queryResult = null;
        requestId = null;
        STATE.setVolatile(this, generation << GENERATION_SHIFT | PENDING);
        return generation;
    }

    @Override
    public final boolean onResponse(final EngineEvent event, final long releaseNanos) {
        final long generation = event.sinkGeneration << GENERATION_SHIFT;
        if (!STATE.compareAndSet(this, generation | PENDING, generation | WRITING)) {
            counters.get(EngineCounter.LATE_DECISIONS).increment();
            return false;
        }
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
        STATE.setVolatile(this, generation | DONE);
        completed();
        final Thread parked = waiter;
        if (parked != null) {
            LockSupport.unpark(parked);
        }
        return true;
    }

    /** Called on the thread that released the outcome, once it is in; subclasses hand it on here. */
    protected void completed() {
    }

    /**
     * Waits for the outcome until {@code deadlineNanos} ({@link System#nanoTime()} scale): spins, then yields, then
     * parks.
     *
     * @return true when the outcome arrived; false when the deadline passed and this response is now abandoned
     */
    public final boolean await(final long deadlineNanos) {
        final long start = System.nanoTime();
        long now = start;
        while (true) {
            final long phase = phase();
            if (phase == DONE) {
                return true;
            }
            if (phase == ABANDONED) {
                return false;
            }
            if (now - deadlineNanos >= 0) {
                if (abandon()) {
                    return false;
                }
                continue;
            }
            final long waited = now - start;
            if (waited < spinNanos) {
                Thread.onSpinWait();
            } else if (waited < spinNanos + yieldNanos) {
                Thread.yield();
            } else {
                waiter = Thread.currentThread();
                if (phase() == PENDING) {
                    LockSupport.parkNanos(this, deadlineNanos - now);
                }
            }
            now = System.nanoTime();
        }
    }

    /** Gives up on the outcome; true when this call won, false when the outcome had already arrived (or is). */
    public final boolean abandon() {
        final long current = (long)STATE.getVolatile(this);
        return (current & PHASE_MASK) == PENDING
            && STATE.compareAndSet(this, current, (current & ~PHASE_MASK) | ABANDONED);
    }

    public final boolean isDone() {
        return phase() == DONE;
    }

    private long phase() {
        return (long)STATE.getVolatile(this) & PHASE_MASK;
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

    public final Object requestId() {
        return requestId;
    }

    public final Action action() {
        return action;
    }

    public final ResponseCode responseCode() {
        return responseCode;
    }

    public final int score() {
        return score;
    }

    public final ReasonCode primaryReason() {
        return reason0;
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
