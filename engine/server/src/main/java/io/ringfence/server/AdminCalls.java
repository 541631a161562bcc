package io.ringfence.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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

    /**
     * Runs {@code call} on the admin thread; the future completes there. A call stays {@link #outstanding} until the
     * stages already attached to its future have run, so a door that hands its answer to the I/O thread from such a
     * stage has queued the write before a drain can see nothing outstanding and close the connection.
     */
    public <T> CompletableFuture<T> call(final Supplier<T> call) {
        synchronized (this) {
            outstanding++;
        }
        final CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(call.get());
                } catch (final RuntimeException | Error e) {
                    result.completeExceptionally(e);
                } finally {
                    finished();
                }
            });
        } catch (final RejectedExecutionException e) {
            finished();
            result.completeExceptionally(e);
        }
        return result;
    }

    private synchronized void finished() {
        outstanding--;
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
