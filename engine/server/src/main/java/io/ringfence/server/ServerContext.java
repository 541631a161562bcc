package io.ringfence.server;

import io.netty.channel.group.ChannelGroup;
import io.ringfence.Engine;

/**
 * What the doors share: the engine and the I/O thread's door into it, the admin thread, the configuration, the
 * counters, and the server's state. The engine and its door exist once the state is past
 * {@link ServerState#STARTING}.
 */
public final class ServerContext {
    private final ServerConfig config;
    private final ApiKeys apiKeys;
    private final AdminCalls admin;
    private final ChannelGroup connections;
    private final DoorStats isoStats = new DoorStats("iso8583");
    private final DoorStats httpStats = new DoorStats("http");
    private volatile ServerState state = ServerState.STARTING;
    private volatile Engine engine;
    private volatile EngineDoor engineDoor;

    ServerContext(final ServerConfig config, final AdminCalls admin, final ChannelGroup connections) {
        this.config = config;
        this.apiKeys = ApiKeys.of(config.apiKeys());
        this.admin = admin;
        this.connections = connections;
    }

    public ServerConfig config() {
        return config;
    }

    public ApiKeys apiKeys() {
        return apiKeys;
    }

    public AdminCalls admin() {
        return admin;
    }

    public ServerState state() {
        return state;
    }

    /** Whether requests are being taken; {@code /health/ready}. */
    public boolean ready() {
        return state == ServerState.READY;
    }

    /** The engine; null while {@link ServerState#STARTING}. */
    public Engine engine() {
        return engine;
    }

    /** The I/O thread's door into the engine; null while {@link ServerState#STARTING}. Use on the I/O thread only. */
    public EngineDoor engineDoor() {
        return engineDoor;
    }

    public DoorStats isoStats() {
        return isoStats;
    }

    public DoorStats httpStats() {
        return httpStats;
    }

    ChannelGroup connections() {
        return connections;
    }

    void started(final Engine started, final EngineDoor door) {
        engine = started;
        engineDoor = door;
        state = ServerState.READY;
    }

    void state(final ServerState next) {
        state = next;
    }
}
