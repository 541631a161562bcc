package io.ringfence.server;

import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

/** A server context without a server, for testing a door's handlers on an embedded channel. */
public final class TestServerContexts {
    private TestServerContexts() {
    }

    /** A context still {@link ServerState#STARTING}: no engine, so the doors answer authorizations 91. */
    public static ServerContext starting(final ServerConfig config) {
        return new ServerContext(config, new AdminCalls(), new DefaultChannelGroup(GlobalEventExecutor.INSTANCE));
    }
}
