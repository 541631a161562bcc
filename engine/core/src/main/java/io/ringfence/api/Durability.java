package io.ringfence.api;

/**
 * When a journaled event is safe, traded against journal latency. Every mode journals an event before its
 * decision is released; they differ in what a failure can take back.
 */
public enum Durability {
    /**
     * Written to the memory-mapped journal, left to the operating system to flush. Survives a process crash
     * (SIGKILL, OOM, JVM crash): the pages belong to the OS. An OS crash or power loss can lose the last few
     * seconds, decisions already given included. Fastest: about a microsecond per event.
     */
    PROCESS_CRASH,
    /**
     * As {@link #PROCESS_CRASH}, and the journal asks the OS to start flushing (msync, asynchronous) as each chunk of
     * the journal file is released. Narrows the window an OS crash or power loss can take; does not close it.
     */
    OS_CRASH_BEST_EFFORT,
    /**
     * The input journal is flushed to the device (msync, synchronous) once per batch of events, before the batch's
     * decisions are released (group commit): survives a process crash, an OS crash and a power loss, to the extent
     * the storage honours flushes. Costs a device flush per batch, tens of microseconds to milliseconds; a burst
     * shares it. The decision journal, an audit copy that replay can rebuild, is not synced per batch.
     */
    POWER_LOSS
}
