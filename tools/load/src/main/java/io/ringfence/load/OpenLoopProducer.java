package io.ringfence.load;

import io.ringfence.Engine;
import io.ringfence.api.Decision;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * One gateway thread of an open-loop load: sends its share of the requests on the {@link SendSchedule}, at (or
 * as soon as it can after) each one's intended time, whatever the engine is doing, and never waits for an
 * answer before the next send.
 *
 * <p>Coordinated omission: each request's latency is measured from its <em>intended</em> send time to the
 * arrival of its decision, not from when it was actually sent. A closed loop, or a sender that fell behind,
 * would otherwise leave out exactly the requests that would have met a stalled engine; here a stall delays every
 * request scheduled during it, and all of them show in the tail. The intended-time base is itself the
 * correction, so latencies are recorded with {@link Recorder#recordValue} and not corrected a second time with
 * {@code recordValueWithExpectedInterval}.
 *
 * <p>Decisions arrive through {@link Engine#authorizeAsync}: the completion is recorded on whichever thread
 * completes the future (the engine's response thread, its deadline timer for a stand-in, or this thread when the
 * answer was immediate) into a {@link Recorder}, whose recording is wait-free for any number of writers: no lock
 * on the engine's threads.
 */
final class OpenLoopProducer implements Runnable {
    /** Longest latency kept: a minute, far past any deadline. Longer ones are recorded as this. */
    static final long HIGHEST_NANOS = 60_000_000_000L;
    private static final long PARK_ABOVE_NANOS = 150_000L;
    /** Parking overshoots by the kernel's timer slack (50 us by default); wake this much early and yield. */
    private static final long PARK_MARGIN_NANOS = 100_000L;

    private final Engine engine;
    private final BenchTraffic traffic;
    private final EventClock clock;
    private final SendSchedule schedule;
    private final int producer;
    private final long firstSequence;
    private final long sends;
    private final long startNanos;
    private final Recorder latency = new Recorder(HIGHEST_NANOS, 3);
    private final Histogram sendLag = new Histogram(HIGHEST_NANOS, 3);
    private final LongAdder standIns = new LongAdder();
    private final AtomicLong answered = new AtomicLong();
    private volatile long finishedSendingNanos;

    /**
     * @param firstSequence the run-wide number of this phase's first request, so each phase goes on where the
     *                      last stopped in the replayed traffic
     * @param sends         requests this producer sends in the phase
     * @param startNanos    the phase start, {@link System#nanoTime()} base
     */
    OpenLoopProducer(final Engine engine, final BenchTraffic traffic, final EventClock clock,
        final SendSchedule schedule, final int producer, final long firstSequence, final long sends,
        final long startNanos) {
        this.engine = engine;
        this.traffic = traffic;
        this.clock = clock;
        this.schedule = schedule;
        this.producer = producer;
        this.firstSequence = firstSequence;
        this.sends = sends;
        this.startNanos = startNanos;
    }

    @Override
    public void run() {
        final EventClock.Time eventTime = clock.ofThisThread();
        for (long i = 0; i < sends; i++) {
            final long intendedNanos = startNanos + schedule.dueNanos(producer, i);
            waitUntil(intendedNanos);
            final long k = firstSequence + schedule.sequence(producer, i);
            eventTime.millis = traffic.eventTimeMillis(k);
            sendLag.recordValue(Math.min(System.nanoTime() - intendedNanos, HIGHEST_NANOS));
            engine.authorizeAsync(traffic.request(k)).whenComplete(new Arrival(intendedNanos));
        }
        finishedSendingNanos = System.nanoTime();
    }

    long sends() {
        return sends;
    }

    long answered() {
        return answered.get();
    }

    long standIns() {
        return standIns.sum();
    }

    /** When this producer sent its last request; valid once {@link #run()} returned. */
    long finishedSendingNanos() {
        return finishedSendingNanos;
    }

    /** Latency from intended send to decision of every answered request; read once all are answered. */
    Histogram latency() {
        return latency.getIntervalHistogram();
    }

    /** How late each request left against its intended time: the harness's own lag, part of every latency. */
    Histogram sendLag() {
        return sendLag;
    }

    private static void waitUntil(final long dueNanos) {
        for (long left = dueNanos - System.nanoTime(); left > 0; left = dueNanos - System.nanoTime()) {
            if (left > PARK_ABOVE_NANOS) {
                LockSupport.parkNanos(left - PARK_MARGIN_NANOS);
            } else {
                // Yield rather than spin: on a small machine the engine's own threads need this core.
                Thread.yield();
            }
        }
    }

    /** Records one decision's arrival against its request's intended send time. */
    private final class Arrival implements BiConsumer<Decision, Throwable> {
        private final long intendedNanos;

        Arrival(final long intendedNanos) {
            this.intendedNanos = intendedNanos;
        }

        @Override
        public void accept(final Decision decision, final Throwable failure) {
            latency.recordValue(Math.min(System.nanoTime() - intendedNanos, HIGHEST_NANOS));
            if (decision == null || decision.standIn()) {
                standIns.increment();
            }
            answered.incrementAndGet();
        }
    }
}
