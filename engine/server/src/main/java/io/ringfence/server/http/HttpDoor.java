package io.ringfence.server.http;

import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.ringfence.server.Door;
import io.ringfence.server.ServerContext;

import java.util.concurrent.TimeUnit;

/**
 * The HTTP/JSON door: {@code /v1} for gateways and operators (authorizations, fraud reports, flag clears, token
 * links, rules lists, reversals), {@code /health} and {@code /metrics} for the platform. The server makes it with
 * {@code HttpDoor::new}.
 *
 * <p>Every connection runs on the I/O thread, which never waits: authorizations go to the engine through the
 * {@link io.ringfence.server.EngineDoor} and are answered when it is polled; the control calls, which wait for
 * their acknowledgement, run on the admin thread and are answered from there. One connection has one request
 * in progress at a time, so answers go out in the order HTTP/1.1 requires; requests a client pipelines behind it
 * wait their turn, up to {@code maxInFlightPerConnection}, and then the connection is not read until they drain.
 */
public final class HttpDoor implements Door {
    /** Recent control-call idempotency keys remembered: enough for minutes of operator and chargeback traffic. */
    static final int IDEMPOTENCY_KEYS = 10_000;

    private final ServerContext context;
    private final IdempotencyCache idempotency = new IdempotencyCache(IDEMPOTENCY_KEYS);
    private final byte[] scratch;

    public HttpDoor(final ServerContext context) {
        this.context = context;
        this.scratch = new byte[context.config().maxBodyBytes()];
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public void initChannel(final SocketChannel channel) {
        final ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("http", new HttpServerCodec());
        pipeline.addLast("idle", new IdleStateHandler(context.config().idleTimeout().toNanos(), 0, 0,
            TimeUnit.NANOSECONDS));
        pipeline.addLast("aggregator", new BodyLimit(context.config().maxBodyBytes(), context.httpStats()));
        pipeline.addLast("door", new HttpConnection(this));
    }

    ServerContext context() {
        return context;
    }

    IdempotencyCache idempotency() {
        return idempotency;
    }

    /**
     * A body-sized buffer to parse from, shared by every connection: they all run on the one I/O thread, and a body
     * is parsed to the end before the next is read.
     */
    byte[] scratch() {
        return scratch;
    }
}
