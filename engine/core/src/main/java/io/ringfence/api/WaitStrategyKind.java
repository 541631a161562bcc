package io.ringfence.api;

/**
 * How the pipeline's stage threads wait for the next event. The choice trades CPU for latency; on a machine
 * with fewer spare cores than stage threads a spinning strategy steals the cores the gateway threads need.
 */
public enum WaitStrategyKind {
    /**
     * Spin about 10 microseconds, yield for 100 more, then block on a lock. Lowest latency under steady load
     * while leaving idle cores idle: the default, and the right choice on 2 to 4 cores.
     */
    PHASED_BACKOFF,
    /** Lock and condition: least CPU, wake-up costs tens of microseconds per hand-off. */
    BLOCKING,
    /** Spin, then yield, then park for short periods: low CPU, latency spikes of up to about 100 us when idle. */
    SLEEPING,
    /** Spin then {@code Thread.yield()}: burns a core per stage thread but gives it up to runnable threads. */
    YIELDING,
    /**
     * Pure busy spin: the lowest and most stable latency, one fully burned core per stage thread. Use only with
     * a core isolated per stage thread (at least three cores beyond the gateway threads); on 2 cores it starves
     * everyone.
     */
    BUSY_SPIN
}
