package io.ringfence;

import io.ringfence.api.Action;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.Decision;
import io.ringfence.api.EngineCounter;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.EventType;
import io.ringfence.pipeline.PendingResponse;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

/**
 * A non-blocking door into the engine for one owner thread that multiplexes many requests: a front door's I/O
 * thread, a load agent. The owner {@link #submit submits} requests and {@link #poll polls} for answers; it never
 * waits, and the engine thread never runs the owner's code: releasing an answer only queues the request's slot here.
 *
 * <p>Slots are pre-allocated, {@code maxInFlight} of them, and reused. Every request gets the same deadline, so the
 * oldest outstanding request is the first to expire: {@link #poll} checks deadlines against it alone, with no timer
 * per request. A request past its deadline is abandoned and answered with the stand-in decision (flags read first,
 * as every stand-in does); its late answer, if it comes, is counted and dropped.
 *
 * <p>Not thread-safe: one owner thread. Obtain one with {@link Engine#newClient}.
 */
public final class EngineClient {
    /** Receives the answer to one submitted request, on the owner's thread, in {@link #poll} or {@link #submit}. */
    @FunctionalInterface
    public interface DecisionHandler {
        /**
         * @param correlation what the owner gave {@link #submit} for this request
         * @param sentNanos   when it was submitted ({@link System#nanoTime()} scale)
         * @param answer      valid only during this call: read what you need, or keep {@link Answer#toDecision()}
         */
        void onDecision(long correlation, long sentNanos, Answer answer);
    }

    /**
     * The answer to one request, read in place: a decision from the engine is read from its reused slot, so a
     * client that needs only the action and code allocates nothing per request.
     */
    public interface Answer {
        Action action();

        ResponseCode responseCode();

        /** Risk score, 0 to 1000. */
        int score();

        /** The main reason, or null when there is none. */
        ReasonCode primaryReason();

        /** Whether this is a stand-in given without the engine's decision. */
        boolean standIn();

        /** The whole decision as a value: allocates. */
        Decision toDecision();
    }

    /** An answer given without a slot (refused, stand-in): the decision itself, behind the same view. */
    private static final class GivenAnswer implements Answer {
        private Decision decision;

        GivenAnswer of(final Decision given) {
            decision = given;
            return this;
        }

        @Override
        public Action action() {
            return decision.action();
        }

        @Override
        public ResponseCode responseCode() {
            return decision.responseCode();
        }

        @Override
        public int score() {
            return decision.score();
        }

        @Override
        public ReasonCode primaryReason() {
            return decision.primaryReason();
        }

        @Override
        public boolean standIn() {
            return decision.standIn();
        }

        @Override
        public Decision toDecision() {
            return decision;
        }
    }

    /**
     * Submissions remembered for deadlines, at least: answered ones leave only when they reach the head, so the queue
     * holds every request sent while the oldest is outstanding.
     */
    private static final int MIN_DEADLINE_QUEUE = 1 << 16;

    private final Engine engine;
    private final long deadlineNanos;
    private final Slot[] slots;
    private final int[] free;
    private int freeCount;
    /** Submission order, for deadlines: slot index and generation of each request, oldest at head. */
    private final int[] pendingSlot;
    private final long[] pendingGeneration;
    private long head;
    private long tail;
    private final OneToOneConcurrentArrayQueue<Slot> released;
    private final EngineEvent staged = new EngineEvent();
    private final GivenAnswer given = new GivenAnswer();

    EngineClient(final Engine engine, final int maxInFlight, final long deadlineNanos) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
        this.engine = engine;
        this.deadlineNanos = deadlineNanos;
        this.released = new OneToOneConcurrentArrayQueue<>(maxInFlight);
        this.slots = new Slot[maxInFlight];
        this.free = new int[maxInFlight];
        for (int i = 0; i < maxInFlight; i++) {
            slots[i] = new Slot(i);
            free[i] = maxInFlight - 1 - i;
        }
        this.freeCount = maxInFlight;
        this.pendingSlot = new int[Math.max(MIN_DEADLINE_QUEUE, Integer.highestOneBit(maxInFlight * 2 - 1) << 1)];
        this.pendingGeneration = new long[pendingSlot.length];
    }

    /** Requests submitted and not yet answered. */
    public int inFlight() {
        return slots.length - freeCount;
    }

    /**
     * Submits one authorization. A request that needs no decision from the engine (malformed, engine stopped,
     * journal unavailable, ring full) is answered at once, through {@code handler}, before this returns.
     *
     * @return false when {@code maxInFlight} requests are already outstanding, or the deadline queue is full behind a
     *     slow oldest request: nothing was submitted; poll first
     */
    public boolean submit(final AuthorizationRequest request, final long correlation, final DecisionHandler handler) {
        if (freeCount == 0 || tail - head == pendingSlot.length) {
            return false;
        }
        final long sentNanos = System.nanoTime();
        staged.clear();
        staged.type = EventType.AUTHORIZE;
        staged.ingressNanos = sentNanos;
        final Decision immediate = engine.decodeForRing(request, staged);
        if (immediate != null) {
            handler.onDecision(correlation, sentNanos, given.of(immediate));
            return true;
        }
        final Slot slot = slots[free[--freeCount]];
        slot.correlation = correlation;
        slot.sentNanos = sentNanos;
        slot.subject.capture(staged);
        staged.sink = slot;
        staged.sinkGeneration = slot.begin();
        slot.generation = staged.sinkGeneration;
        final boolean published = engine.publishStaged(staged);
        staged.sink = null;
        if (!published) {
            slot.abandon();
            free[freeCount++] = slot.index;
            handler.onDecision(correlation, sentNanos, given.of(engine.standInFor(staged,
                ReasonCode.STAND_IN_RING_FULL)));
            return true;
        }
        final int at = (int)(tail++ & (pendingSlot.length - 1));
        pendingSlot[at] = slot.index;
        pendingGeneration[at] = staged.sinkGeneration;
        return true;
    }

    /**
     * Hands every answer that has arrived to {@code handler}, then the stand-in of every request past its deadline.
     *
     * @return how many requests were answered
     */
    public int poll(final DecisionHandler handler) {
        int answered = 0;
        Slot slot;
        while ((slot = released.poll()) != null) {
            handler.onDecision(slot.correlation, slot.sentNanos, slot.journalFailed() ? given.of(
                slot.standIn(ReasonCode.STAND_IN_JOURNAL_UNAVAILABLE, EngineCounter.STAND_IN_JOURNAL)) : slot);
            free[freeCount++] = slot.index;
            answered++;
        }
        final long now = System.nanoTime();
        while (head < tail) {
            final int at = (int)(head & (pendingSlot.length - 1));
            final Slot oldest = slots[pendingSlot[at]];
            if (oldest.generation != pendingGeneration[at] || oldest.isDone()) {
                head++;
                continue;
            }
            if (now - (oldest.sentNanos + deadlineNanos) < 0 || !oldest.abandon()) {
                break;
            }
            head++;
            final Decision standIn = oldest.standIn(ReasonCode.STAND_IN_DEADLINE, EngineCounter.STAND_IN_DEADLINE);
            handler.onDecision(oldest.correlation, oldest.sentNanos, given.of(standIn));
            free[freeCount++] = oldest.index;
            answered++;
        }
        return answered;
    }

    /** One reusable request slot. */
    private final class Slot extends PendingResponse implements Answer {
        private final int index;
        private long generation;
        private long correlation;
        private long sentNanos;
        private final StandInSubject subject = new StandInSubject();

        Slot(final int index) {
            super(engine.counters());
            this.index = index;
        }

        @Override
        protected void completed() {
            released.offer(this);
        }

        @Override
        public boolean standIn() {
            return false;
        }

        Decision standIn(final ReasonCode reason, final EngineCounter counter) {
            engine.counters().get(counter).increment();
            return subject.standIn(engine, reason);
        }
    }
}
