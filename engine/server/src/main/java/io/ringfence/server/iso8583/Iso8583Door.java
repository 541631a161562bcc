package io.ringfence.server.iso8583;

import io.netty.channel.socket.SocketChannel;
import io.ringfence.server.Door;
import io.ringfence.server.ServerContext;

/** PLACEHOLDER: replaced by the door's implementation. */
public final class Iso8583Door implements Door {
    private final ServerContext context;

    public Iso8583Door(final ServerContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "iso8583";
    }

    @Override
    public void initChannel(final SocketChannel channel) {
        context.config();
        channel.close();
    }
}
