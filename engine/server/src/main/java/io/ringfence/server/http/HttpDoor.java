package io.ringfence.server.http;

import io.netty.channel.socket.SocketChannel;
import io.ringfence.server.Door;
import io.ringfence.server.ServerContext;

/** PLACEHOLDER: replaced by the door's implementation. */
public final class HttpDoor implements Door {
    private final ServerContext context;

    public HttpDoor(final ServerContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public void initChannel(final SocketChannel channel) {
        context.config();
        channel.close();
    }
}
