package io.ringfence.metrics;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.errors.DistinctErrorLog;
import org.agrona.concurrent.errors.ErrorLogReader;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's errors, Aeron style: each distinct error (same type, message and stack) is kept once, with how often
 * and when it was first and last seen, in a fixed buffer (Agrona's {@link DistinctErrorLog}), instead of a log line
 * per occurrence. Thread-safe; recording allocates, which is acceptable on a path that only a failure takes.
 */
public final class DistinctErrors {
    private static final int CAPACITY_BYTES = 64 * 1024;

    private final AtomicBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(CAPACITY_BYTES));
    private final DistinctErrorLog log = new DistinctErrorLog(buffer, SystemEpochClock.INSTANCE);

    /**
     * Records one occurrence of {@code error}.
     *
     * @return false when the buffer has no room for a new distinct error (the occurrence is still counted elsewhere)
     */
    public boolean record(final Throwable error) {
        return log.record(error);
    }

    /** Every distinct error so far: how often, first and last seen, then the error and its stack. */
    public List<String> describe() {
        final List<String> errors = new ArrayList<>();
        ErrorLogReader.read(buffer, (count, first, last, encoded) -> errors.add(count + " time(s), first "
            + Instant.ofEpochMilli(first) + ", last " + Instant.ofEpochMilli(last) + ": " + encoded));
        return errors;
    }
}
