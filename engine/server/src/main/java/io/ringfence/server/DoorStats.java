package io.ringfence.server;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One door's connection and protocol counters, for {@code /metrics}: connections open and accepted, messages, and
 * errors by kind (a bad frame, an oversized body, an idle close). Confined to the I/O thread, like the doors.
 */
public final class DoorStats {
    private final String door;
    private long connectionsOpen;
    private long connectionsAccepted;
    private long messages;
    private final Map<String, long[]> errors = new LinkedHashMap<>();

    public DoorStats(final String door) {
        this.door = door;
    }

    /** The door's name in metric labels: {@code iso8583} or {@code http}. */
    public String door() {
        return door;
    }

    public void connectionOpened() {
        connectionsOpen++;
        connectionsAccepted++;
    }

    public void connectionClosed() {
        connectionsOpen--;
    }

    public void message() {
        messages++;
    }

    /** Counts one error of a kind, a short lower-case label such as {@code frame_too_long}. */
    public void error(final String kind) {
        errors.computeIfAbsent(kind, k -> new long[1])[0]++;
    }

    public long connectionsOpen() {
        return connectionsOpen;
    }

    public long connectionsAccepted() {
        return connectionsAccepted;
    }

    public long messages() {
        return messages;
    }

    public long errors(final String kind) {
        final long[] count = errors.get(kind);
        return count == null ? 0 : count[0];
    }

    /** Every error kind seen, with its count, in the order first seen. */
    public Map<String, Long> errors() {
        final Map<String, Long> copy = new LinkedHashMap<>();
        errors.forEach((kind, count) -> copy.put(kind, count[0]));
        return Collections.unmodifiableMap(copy);
    }
}
