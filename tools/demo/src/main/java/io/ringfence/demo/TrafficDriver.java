package io.ringfence.demo;

import io.ringfence.Engine;
import io.ringfence.EngineClient;
import io.ringfence.api.Ack;
import io.ringfence.api.Decision;
import io.ringfence.synthetic.SyntheticAuthorization;
import io.ringfence.synthetic.SyntheticEvent;
import io.ringfence.synthetic.SyntheticFlagClear;
import io.ringfence.synthetic.SyntheticFraudReport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives a time-ordered event stream through the engine as gateways would, keeping the order that matters.
 *
 * <p>Authorizations go in through an {@link EngineClient} per producer thread, as a gateway's I/O thread would send
 * them: each producer submits, keeps a bounded number outstanding, and polls for the answers (yielding while it has
 * nothing to do), so no answer waits for another thread to hand it over. Cards are shared out among producers, so each card's authorizations reach the ring in stream
 * order. Control events (fraud reports, flag clears) are barriers: every authorization before one is decided
 * before it is sent, and it is applied before any authorization after it is sent, so the engine sees each one
 * exactly where it stands in the stream.
 */
final class TrafficDriver {
    private final Engine engine;
    private final int producers;
    private final int inFlight;

    TrafficDriver(final Engine engine, final int producers, final int inFlight) {
        this.engine = engine;
        this.producers = producers;
        this.inFlight = inFlight;
    }

    /** The outcome of every event, in stream order. */
    List<EventOutcome> drive(final List<SyntheticEvent> events) {
        final Decision[] decisions = new Decision[events.size()];
        final Ack[] acks = new Ack[events.size()];
        final ExecutorService pool = producers == 1 ? null : Executors.newFixedThreadPool(producers, producerThreads());
        try {
            int segmentStart = 0;
            for (int i = 0; i < events.size(); i++) {
                final SyntheticEvent event = events.get(i);
                if (!(event instanceof SyntheticAuthorization)) {
                    authorize(events, segmentStart, i, decisions, pool);
                    acks[i] = control(event);
                    segmentStart = i + 1;
                }
            }
            authorize(events, segmentStart, events.size(), decisions, pool);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        final List<EventOutcome> outcomes = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            outcomes.add(new EventOutcome(i, events.get(i), decisions[i], acks[i]));
        }
        return outcomes;
    }

    private Ack control(final SyntheticEvent event) {
        if (event instanceof SyntheticFraudReport report) {
            return engine.reportFraud(report.toFraudReport());
        }
        return engine.clearFlag(((SyntheticFlagClear)event).card().ref(), event.timeMillis());
    }

    /** Decides the authorizations in {@code [from, to)}, all of them, before returning. */
    private void authorize(final List<SyntheticEvent> events, final int from, final int to,
        final Decision[] decisions, final ExecutorService pool) {
        if (from >= to) {
            return;
        }
        if (pool == null) {
            new Producer(events, decisions).run(from, to, 0, 1);
            return;
        }
        final List<Future<?>> running = new ArrayList<>(producers);
        for (int p = 0; p < producers; p++) {
            final int share = p;
            running.add(pool.submit(() -> new Producer(events, decisions).run(from, to, share, producers)));
        }
        for (final Future<?> producer : running) {
            try {
                producer.get();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while driving traffic", e);
            } catch (final ExecutionException e) {
                throw new IllegalStateException("a producer failed", e.getCause());
            }
        }
    }

    /** One gateway thread: sends its share of the cards' authorizations, a bounded number at a time. */
    private final class Producer {
        private final List<SyntheticEvent> events;
        private final EngineClient.DecisionHandler record;

        Producer(final List<SyntheticEvent> events, final Decision[] decisions) {
            this.events = events;
            this.record = (index, sentNanos, answer) -> decisions[(int)index] = answer.toDecision();
        }

        void run(final int from, final int to, final int share, final int shares) {
            final EngineClient client = engine.newClient(inFlight);
            for (int i = from; i < to; i++) {
                final SyntheticAuthorization authorization = (SyntheticAuthorization)events.get(i);
                if (shares > 1 && Math.floorMod(authorization.card().pan().hashCode(), shares) != share) {
                    continue;
                }
                while (!client.submit(authorization.toRequest(), i, record)) {
                    poll(client);
                }
            }
            while (client.inFlight() > 0) {
                poll(client);
            }
        }

        private void poll(final EngineClient client) {
            if (client.poll(record) == 0) {
                Thread.yield();
            }
        }
    }

    private static ThreadFactory producerThreads() {
        final AtomicInteger next = new AtomicInteger(1);
        return runnable -> {
            final Thread thread = new Thread(runnable, "ringfence-demo-producer-" + next.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }
}
