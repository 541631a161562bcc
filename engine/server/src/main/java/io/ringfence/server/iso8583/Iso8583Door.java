package io.ringfence.server.iso8583;

import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.ringfence.server.Door;
import io.ringfence.server.ServerConfig;
import io.ringfence.server.ServerContext;

import java.util.concurrent.TimeUnit;

/**
 * ISO 8583:1987 for acquirer links: by default what a jPOS client with {@code NACChannel} (2-byte big-endian length,
 * no TPDU) and {@code ISO87BPackager} (binary bitmap, BCD numerics) speaks; with
 * {@link ServerConfig.IsoWireFormat#ASCII}, {@code ASCIIChannel} (4 ASCII digits of length) and
 * {@code ISO87APackager}. The field layout is {@link Iso87Fields}; the mapping to the engine's request is
 * {@link IsoRequests}; each connection is an {@link IsoConnection} on the I/O thread.
 */
public final class Iso8583Door implements Door {
    private final ServerContext context;
    private final IsoRequests requests = new IsoRequests(System::currentTimeMillis);

    public Iso8583Door(final ServerContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "iso8583";
    }

    @Override
    public void initChannel(final SocketChannel channel) {
        final ServerConfig config = context.config();
        channel.pipeline()
            .addLast("idle", new IdleStateHandler(config.idleTimeout().toNanos(), 0L, 0L, TimeUnit.NANOSECONDS))
            .addLast("iso8583", new IsoConnection(context, requests,
                config.isoWireFormat() == ServerConfig.IsoWireFormat.BINARY));
    }
}
