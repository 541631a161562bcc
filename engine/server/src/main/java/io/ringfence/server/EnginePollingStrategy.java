package io.ringfence.server;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;

/**
 * The I/O loop's select strategy: before each look at the sockets it delivers the engine's answers, then decides
 * whether it may sleep. While requests are outstanding, or for {@code spinNanos} after the last one, it only peeks
 * at the sockets ({@code epoll_wait} with no timeout) and comes straight back: answers go out within a loop turn,
 * and a request arriving on a warm loop is read without a wake-up, which on this class of machine costs 70–85 µs
 * at p90–p99. Between peeks with nothing to do it yields, as the engine thread does, so a thread that shares its
 * core runs at once. Idle longer than that, it blocks in {@code epoll_wait} and gives its core back.
 *
 * <p>With the engine thread this makes two busy threads at most, one per core of a two-core machine.
 */
final class EnginePollingStrategy implements SelectStrategy {
    private final long spinNanos;
    private volatile EngineDoor door;
    private long lastActive;

    EnginePollingStrategy(final long spinNanos) {
        this.spinNanos = spinNanos;
    }

    /** Starts polling this door; set once the engine is up. */
    void attach(final EngineDoor engineDoor) {
        door = engineDoor;
    }

    @Override
    public int calculateStrategy(final IntSupplier selectSupplier, final boolean hasTasks) throws Exception {
        final EngineDoor current = door;
        if (current == null) {
            return hasTasks ? selectSupplier.get() : SelectStrategy.SELECT;
        }
        final long now = System.nanoTime();
        final boolean answered = current.poll() > 0;
        if (answered || current.inFlight() > 0 || hasTasks) {
            lastActive = now;
            final int ready = selectSupplier.get();
            if (ready == 0 && !answered && !hasTasks) {
                // Yield, not spin, while the engine decides: on two cores the engine thread or a caller then gets
                // this core instead of waiting out the scheduler's time slice.
                Thread.yield();
            }
            return ready;
        }
        final int ready = selectSupplier.get();
        if (ready > 0) {
            lastActive = now;
            return ready;
        }
        if (now - lastActive < spinNanos) {
            Thread.yield();
            return ready;
        }
        return SelectStrategy.SELECT;
    }
}
