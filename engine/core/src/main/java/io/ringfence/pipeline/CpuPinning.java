package io.ringfence.pipeline;

import net.openhft.affinity.AffinityLock;

/**
 * Pins a stage thread to a CPU of its own with OpenHFT's Java-Thread-Affinity, where the machine allows: a CPU the
 * library may reserve (isolated with {@code isolcpus}, or named by {@code -Daffinity.reserved}). Elsewhere it says so
 * in one log line and the thread runs unpinned: pinning is an optimisation, never a reason not to start.
 */
final class CpuPinning {
    private static final System.Logger LOG = System.getLogger("io.ringfence.engine");

    private CpuPinning() {
    }

    /** {@code body}, run with its thread pinned for as long as it runs. */
    static Runnable pinned(final Runnable body) {
        return () -> {
            final AffinityLock lock = acquire();
            try {
                body.run();
            } finally {
                if (lock != null) {
                    lock.release();
                }
            }
        };
    }

    private static AffinityLock acquire() {
        final String thread = Thread.currentThread().getName();
        try {
            final AffinityLock lock = AffinityLock.acquireLock();
            if (lock.isAllocated()) {
                LOG.log(System.Logger.Level.INFO, () -> thread + " pinned to CPU " + lock.cpuId());
                return lock;
            }
            lock.release();
            LOG.log(System.Logger.Level.WARNING, thread + " runs unpinned: no CPU is free to reserve (isolate one"
                + " with isolcpus, or name it with -Daffinity.reserved)");
        } catch (final RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, thread + " runs unpinned: CPU pinning is not available here ("
                + e + ")");
        }
        return null;
    }
}
