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
     * As {@link #PROCESS_CRASH}, and each write also asks the OS to start flushing (msync, asynchronous). Narrows
     * the window an OS crash or power loss can take to what is in flight; does not close it.
     */
    OS_CRASH_BEST_EFFORT,
    /**
     * Each write is flushed to the device (msync, synchronous) before the decision is released: survives a process
     * crash, an OS crash and a power loss, to the extent the storage honours flushes. Costs a device flush per
     * event, tens of microseconds to milliseconds.
     */
    POWER_LOSS
}
