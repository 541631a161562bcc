package io.ringfence;

import io.ringfence.api.Decision;
import io.ringfence.api.EngineCounter;
import io.ringfence.metrics.EngineCounters;
import io.ringfence.pipeline.PendingResponse;
import org.agrona.DeadlineTimerWheel;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The thread of {@link Engine#authorizeAsync}: completes the futures and enforces their deadlines, so the engine
 * thread never runs a caller's callback and no request schedules a timer task of its own.
 *
 * <p>A caller registers its pending decision before publishing it; the engine thread, releasing the outcome, only
 * queues it here. This agent, alone, owns a timer wheel: it schedules each registered deadline, delivers each
 * queued outcome (cancelling its timer), and at a deadline abandons the request and completes it with the stand-in.
 * When idle it spins briefly, yields, then parks for at most {@value #MAX_PARK_NANOS} ns: an async caller's answer
 * may wait that long, a synchronous caller's never does.
 */
final class AsyncCompletions implements Agent, AutoCloseable {
    private static final long MAX_PARK_NANOS = 100_000;
    private static final long TICK_NANOS = 1L << 17;
    private static final int TICKS_PER_WHEEL = 1024;
    private static final int EXPIRIES_PER_POLL = 1024;
    private static final long NO_TIMER = DeadlineTimerWheel.NULL_DEADLINE;

    private final ManyToOneConcurrentArrayQueue<Pending> registered;
    private final ManyToOneConcurrentArrayQueue<Pending> released;
    private final DeadlineTimerWheel wheel = new DeadlineTimerWheel(TimeUnit.NANOSECONDS, System.nanoTime(),
        TICK_NANOS, TICKS_PER_WHEEL);
    private final Long2ObjectHashMap<Pending> byTimer = new Long2ObjectHashMap<>();
    private final EngineCounters counters;
    private final AgentRunner runner;

    AsyncCompletions(final int capacity, final EngineCounters counters) {
        this.registered = new ManyToOneConcurrentArrayQueue<>(capacity);
        this.released = new ManyToOneConcurrentArrayQueue<>(capacity);
        this.counters = counters;
        this.runner = new AgentRunner(new BackoffIdleStrategy(100, 10, 1_000, MAX_PARK_NANOS), this::errorEscaped,
            null, this);
        final Thread thread = new Thread(runner, roleName());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * An async caller's pending decision: the outcome or the stand-in, whichever comes first, completes the future on
     * the completions thread.
     */
    abstract static class Pending extends PendingResponse {
        final CompletableFuture<Decision> future = new CompletableFuture<>();
        private final AsyncCompletions completions;
        private final long deadlineNanos;
        private long timerId = NO_TIMER;

        Pending(final AsyncCompletions completions, final EngineCounters counters, final long deadlineNanos) {
            super(counters);
            this.completions = completions;
            this.deadlineNanos = deadlineNanos;
        }

        /** The decision to give when the outcome is in (the journal may have failed it). */
        abstract Decision decided();

        /** The stand-in to give when the deadline passed first. */
        abstract Decision timedOut();

        /**
         * Hands this decision's deadline to the completions thread; call before publishing it.
         *
         * @return false when too many async decisions are outstanding: do not publish it, answer it with a stand-in
         */
        final boolean register() {
            return completions.registered.offer(this);
        }

        @Override
        protected final void completed() {
            completions.release(this);
        }
    }


    /** On the releasing (engine) thread: queues the outcome; never runs a callback. */
    private void release(final Pending pending) {
        while (!released.offer(pending)) {
            counters.get(EngineCounter.ASYNC_BACKPRESSURE).increment();
            Thread.onSpinWait();
        }
    }

    @Override
    public int doWork() {
        int work = registered.drain(this::schedule);
        work += released.drain(this::deliver);
        work += wheel.poll(System.nanoTime(), this::expire, EXPIRIES_PER_POLL);
        return work;
    }

    private void schedule(final Pending pending) {
        if (pending.isDone()) {
            return;
        }
        pending.timerId = wheel.scheduleTimer(pending.deadlineNanos);
        byTimer.put(pending.timerId, pending);
    }

    private void deliver(final Pending pending) {
        if (pending.timerId != NO_TIMER) {
            wheel.cancelTimer(pending.timerId);
            byTimer.remove(pending.timerId);
            pending.timerId = NO_TIMER;
        }
        pending.future.complete(pending.decided());
    }

    private boolean expire(final TimeUnit unit, final long now, final long timerId) {
        final Pending pending = byTimer.remove(timerId);
        if (pending != null) {
            pending.timerId = NO_TIMER;
            if (pending.abandon()) {
                pending.future.complete(pending.timedOut());
            }
        }
        return true;
    }

    /**
     * Stops the thread, then answers whatever is left: outcomes already released are delivered, every other pending
     * decision gets its stand-in now rather than at a deadline nobody enforces any more.
     */
    @Override
    public void close() {
        runner.close();
        registered.drain(this::schedule);
        released.drain(this::deliver);
        final List<Pending> left = new ArrayList<>(byTimer.values());
        byTimer.clear();
        for (final Pending pending : left) {
            if (pending.abandon()) {
                pending.future.complete(pending.timedOut());
            }
        }
        released.drain(this::deliver);
    }

    private void errorEscaped(final Throwable error) {
        counters.errors().record(error);
    }

    @Override
    public String roleName() {
        return "ringfence-completions";
    }
}
