package io.ringfence.load;

import org.HdrHistogram.Histogram;

/**
 * The whole open-loop load on one thread, so that a bench on two cores runs exactly two busy threads: this agent
 * and the engine. It sends each request at (or as soon as it can after) its intended time on the
 * {@link SendSchedule}, whatever the engine is doing, and between sends polls its {@link LoadTarget} (the engine's
 * client, or a server's door over the network) for answers: no callback ever runs on the engine thread, and the
 * agent never waits for an answer before the next send.
 *
 * <p>What it records, per request:
 * <ul>
 *   <li>response time, from the <em>intended</em> send time to the answer: corrected for coordinated omission, since
 *       a stall delays every request scheduled during it and all of them show in the tail;</li>
 *   <li>service time, from the actual send to the answer: what the engine took, the agent's lateness left out;</li>
 *   <li>send lag, actual minus intended send time: the agent's own lateness, part of every response time.</li>
 * </ul>
 * And for the agent itself, a hiccup histogram: the gap between consecutive turns of its loop, which shows when the
 * agent was descheduled (or stalled by the JVM) rather than the engine being slow.
 */
final class LoadAgent {
    /** Longest latency kept: a minute, far past any deadline. Longer ones are recorded as this. */
    static final long HIGHEST_NANOS = 60_000_000_000L;

    private final LoadTarget target;
    private final BenchTraffic traffic;
    private final EventClock.Time eventTime;
    private final Histogram responseTime = new Histogram(HIGHEST_NANOS, 3);
    private final Histogram serviceTime = new Histogram(HIGHEST_NANOS, 3);
    private final Histogram sendLag = new Histogram(HIGHEST_NANOS, 3);
    private final Histogram hiccups = new Histogram(HIGHEST_NANOS, 3);
    private final LoadTarget.Answers onAnswer = this::answered;
    private long answered;
    private long standIns;

    /** Call on the agent's own thread: the engine's clock reads this thread's event time. */
    LoadAgent(final LoadTarget target, final BenchTraffic traffic, final EventClock clock) {
        this.target = target;
        this.traffic = traffic;
        this.eventTime = clock.ofThisThread();
    }

    /**
     * Sends {@code sends} requests on {@code schedule} from {@code startNanos}, the run-wide request numbers starting
     * at {@code firstSequence}, and returns once every one is answered (each has a deadline, so all are).
     *
     * @return when the last request was sent
     */
    long run(final SendSchedule schedule, final long firstSequence, final long sends, final long startNanos) {
        long sent = 0;
        long lastTurn = System.nanoTime();
        while (answered < sends) {
            final long now = System.nanoTime();
            hiccups.recordValue(Math.min(now - lastTurn, HIGHEST_NANOS));
            lastTurn = now;
            while (sent < sends) {
                final long intendedNanos = startNanos + schedule.dueNanos(sent);
                if (intendedNanos - System.nanoTime() > 0) {
                    break;
                }
                final long k = firstSequence + sent;
                eventTime.millis = traffic.eventTimeMillis(k);
                if (!target.submit(traffic.request(k), intendedNanos, onAnswer)) {
                    break;
                }
                sendLag.recordValue(Math.min(Math.max(0, System.nanoTime() - intendedNanos), HIGHEST_NANOS));
                sent++;
            }
            if (target.poll(onAnswer) == 0) {
                // Yield, not spin: on two cores a JIT or GC thread then takes this core, not the engine's.
                Thread.yield();
            }
        }
        return System.nanoTime();
    }

    private void answered(final long intendedNanos, final long sentNanos, final boolean standIn) {
        final long now = System.nanoTime();
        responseTime.recordValue(Math.min(now - intendedNanos, HIGHEST_NANOS));
        serviceTime.recordValue(Math.min(now - sentNanos, HIGHEST_NANOS));
        if (standIn) {
            standIns++;
        }
        answered++;
    }

    Histogram responseTime() {
        return responseTime;
    }

    Histogram serviceTime() {
        return serviceTime;
    }

    Histogram sendLag() {
        return sendLag;
    }

    Histogram hiccups() {
        return hiccups;
    }

    long standIns() {
        return standIns;
    }
}
