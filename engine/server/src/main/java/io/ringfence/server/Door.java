package io.ringfence.server;

import io.netty.channel.socket.SocketChannel;

/** One protocol the server speaks on a port of its own: ISO 8583 or HTTP. */
public interface Door {
    /** Its name in logs and metric labels. */
    String name();

    /**
     * Adds the protocol's handlers to a newly accepted connection. TLS, when configured, is already in front of them;
     * connection counting and the channel group are the server's.
     */
    void initChannel(SocketChannel channel);
}
