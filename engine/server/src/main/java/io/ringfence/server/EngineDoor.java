package io.ringfence.server;

import io.ringfence.EngineClient;
import io.ringfence.api.Action;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.ResponseCode;
import org.HdrHistogram.Histogram;

/**
 * The I/O thread's way into the engine: every door hands its authorizations here, and the I/O loop
 * {@link #poll polls} for answers between network events (see {@link EnginePollingStrategy}), so neither thread
 * ever waits for the other. Also counts what was answered, by action and response code, for {@code /metrics}.
 *
 * <p>Confined to the I/O thread: every method runs there, including the {@code /metrics} reads.
 */
public final class EngineDoor {
    /** Receives one authorization's answer on the I/O thread. */
    @FunctionalInterface
    public interface AnswerListener {
        /** {@code answer} is valid only during this call. */
        void onAnswer(EngineClient.Answer answer);
    }

    private static final Action[] ACTIONS = Action.values();
    private static final ResponseCode[] CODES = ResponseCode.values();
    private static final long MAX_RECORDED_NANOS = 60_000_000_000L;

    private final EngineClient client;
    private final AnswerListener[] listeners;
    private final int[] free;
    private int freeCount;
    private final long[] answered = new long[ACTIONS.length * CODES.length];
    private long standIns;
    private long refusedFull;
    private final Histogram engineLatency = new Histogram(MAX_RECORDED_NANOS, 3);
    private final EngineClient.DecisionHandler dispatch = this::dispatch;

    public EngineDoor(final EngineClient client, final int maxInFlight) {
        this.client = client;
        this.listeners = new AnswerListener[maxInFlight];
        this.free = new int[maxInFlight];
        for (int i = 0; i < maxInFlight; i++) {
            free[i] = maxInFlight - 1 - i;
        }
        this.freeCount = maxInFlight;
    }

    /**
     * Submits an authorization; its answer reaches {@code listener} from a later {@link #poll}, or at once when the
     * engine needs no decision (malformed request, stand-in).
     *
     * @return false when the engine already has as many requests outstanding as the door allows: nothing was
     *     submitted, and the door should answer the caller itself or stop reading until answers drain
     */
    public boolean submit(final AuthorizationRequest request, final AnswerListener listener) {
        if (freeCount == 0) {
            refusedFull++;
            return false;
        }
        final int index = free[--freeCount];
        listeners[index] = listener;
        if (!client.submit(request, index, dispatch)) {
            listeners[index] = null;
            free[freeCount++] = index;
            refusedFull++;
            return false;
        }
        return true;
    }

    /** Delivers every answer that has arrived and every stand-in past its deadline; returns how many. */
    public int poll() {
        return client.poll(dispatch);
    }

    /** Authorizations submitted and not yet answered. */
    public int inFlight() {
        return listeners.length - freeCount;
    }

    /** Answers given, by action and response code. */
    public long answered(final Action action, final ResponseCode code) {
        return answered[action.ordinal() * CODES.length + code.ordinal()];
    }

    /** Answers that were stand-ins (the engine's decision was not waited for, or could not be had). */
    public long standIns() {
        return standIns;
    }

    /** Submissions refused because the door's in-flight limit was reached. */
    public long refusedFull() {
        return refusedFull;
    }

    /** From submission to answer, in nanoseconds, since start. */
    public Histogram engineLatency() {
        return engineLatency;
    }

    private void dispatch(final long correlation, final long sentNanos, final EngineClient.Answer answer) {
        final int index = (int)correlation;
        final AnswerListener listener = listeners[index];
        listeners[index] = null;
        free[freeCount++] = index;
        answered[answer.action().ordinal() * CODES.length + answer.responseCode().ordinal()]++;
        if (answer.standIn()) {
            standIns++;
        }
        engineLatency.recordValue(Math.min(MAX_RECORDED_NANOS, Math.max(0L, System.nanoTime() - sentNanos)));
        listener.onAnswer(answer);
    }

    /** The actions and codes {@link #answered} is kept for, in a stable order for rendering. */
    public static Action[] actions() {
        return ACTIONS.clone();
    }

    public static ResponseCode[] codes() {
        return CODES.clone();
    }
}
