package io.ringfence.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs the engine calls that wait for their answer (fraud reports, flag clears, token links, list changes) on a
 * thread of their own, {@code ringfence-admin}, so the I/O thread never blocks. They are rare next to
 * authorizations; one thread keeps them in the order the doors received them.
 */
public final class AdminCalls implements AutoCloseable {
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "ringfence-admin");
        thread.setDaemon(true);
        return thread;
    });
    private int outstanding;

    /** Runs {@code call} on the admin thread; the future completes there. */
    public <T> CompletableFuture<T> call(final Supplier<T> call) {
        synchronized (this) {
            outstanding++;
        }
        return CompletableFuture.supplyAsync(call, executor).whenComplete((value, failure) -> {
            synchronized (this) {
                outstanding--;
            }
        });
    }

    /** Calls accepted and not yet finished. */
    public synchronized int outstanding() {
        return outstanding;
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
