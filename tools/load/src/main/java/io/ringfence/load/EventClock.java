package io.ringfence.load;

import java.util.function.LongSupplier;

/**
 * The engine's ingress clock during a bench: each sending thread sets the event time its next request carries.
 *
 * <p>The bench replays one synthetic day of authorizations over and over, each pass a day later than the one
 * before, so every card's history moves forward in event time as it would in production, however fast the day
 * is replayed. The pre-built requests carry no transmission time; the engine stamps each one from this clock on
 * the sending thread, which has just set the request's time here. No request object is built per send.
 */
final class EventClock implements LongSupplier {
    private final ThreadLocal<Time> times;

    EventClock(final long initialMillis) {
        times = ThreadLocal.withInitial(() -> new Time(initialMillis));
    }

    /** The calling thread's time; set its {@link Time#millis} before each request. */
    Time ofThisThread() {
        return times.get();
    }

    @Override
    public long getAsLong() {
        return times.get().millis;
    }

    /** One thread's event time, epoch milliseconds. */
    static final class Time {
        long millis;

        private Time(final long millis) {
            this.millis = millis;
        }
    }
}
