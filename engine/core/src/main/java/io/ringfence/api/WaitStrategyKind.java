package io.ringfence.api;

/**
 * How the pipeline's stage threads wait for the next event. The choice trades CPU for latency; on a machine
 * with fewer spare cores than stage threads a spinning strategy steals the cores the gateway threads need.
 */
public enum WaitStrategyKind {
    /**
     * Spin about 10 microseconds, yield for 100 more, then block on a lock. Leaves idle cores idle, but a request
     * that finds the stage blocked waits for a wake-up (70–85 µs at p99 on two cores): the default with a thread per
     * stage ({@link ThreadingMode#DEDICATED}), where more stages than cores must not all stay runnable.
     */
    PHASED_BACKOFF,
    /** Lock and condition: least CPU, wake-up costs tens of microseconds per hand-off. */
    BLOCKING,
    /** Spin, then yield, then park for short periods: low CPU, latency spikes of up to about 100 us when idle. */
    SLEEPING,
    /**
     * Spin then {@code Thread.yield()}: holds a core per stage thread but gives it up to runnable threads, and never
     * parks. The default with one engine thread ({@link ThreadingMode#SHARED}): one runnable engine thread and one
     * gateway thread fit two cores, and no request waits for a wake-up.
     */
    YIELDING,
    /**
     * Pure busy spin: the lowest and most stable latency, one fully burned core per stage thread. Use only with
     * a core isolated per stage thread (at least three cores beyond the gateway threads); on 2 cores it starves
     * everyone.
     */
    BUSY_SPIN
}
