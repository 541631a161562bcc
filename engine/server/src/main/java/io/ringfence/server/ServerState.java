package io.ringfence.server;

/** Where the server is in its life, as {@code /health/ready} reports it. */
public enum ServerState {
    /** The engine is recovering its state from snapshot and journal: not ready. */
    STARTING,
    /** Taking requests. */
    READY,
    /** Stopping: no new connections, outstanding requests finishing; not ready. */
    DRAINING,
    /** Stopped. */
    STOPPED
}
