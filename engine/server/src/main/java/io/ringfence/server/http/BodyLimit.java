package io.ringfence.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.ringfence.server.DoorStats;

/**
 * Aggregates a request and its body up to {@code maxBodyBytes}. A larger body is answered 413 with a JSON error:
 * through the connection's handler, in turn with the requests before it, when the request did not ask to
 * {@code Expect: 100-continue}; at once, in place of Netty's empty 413, when it did (its client waits for that
 * answer before sending the body). The rest of an oversized body is read and dropped, and a keep-alive connection carries on.
 */
final class BodyLimit extends HttpObjectAggregator {
    /** An oversized request, in the place of the request itself. */
    record TooLarge(boolean close) {
    }

    private final int maxBodyBytes;
    private final DoorStats stats;

    BodyLimit(final int maxBodyBytes, final DoorStats stats) {
        super(maxBodyBytes);
        this.maxBodyBytes = maxBodyBytes;
        this.stats = stats;
    }

    @Override
    protected Object newContinueResponse(final HttpMessage start, final int maxContentLength,
        final ChannelPipeline pipeline) {
        final Object response = super.newContinueResponse(start, maxContentLength, pipeline);
        if (response instanceof HttpResponse
            && ((HttpResponse)response).status().code() == HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code()) {
            ReferenceCountUtil.release(response);
            stats.error("too_large");
            return tooLarge(pipeline.channel().alloc(), maxBodyBytes, false);
        }
        return response;
    }

    @Override
    protected void handleOversizedMessage(final ChannelHandlerContext ctx, final HttpMessage oversized) {
        stats.error("too_large");
        ctx.fireChannelRead(new TooLarge(oversized instanceof FullHttpMessage || !HttpUtil.isKeepAlive(oversized)));
    }

    /** The 413 answer. */
    static FullHttpResponse tooLarge(final ByteBufAllocator alloc, final int maxBodyBytes, final boolean close) {
        final ByteBuf body = JsonResponses.error(alloc, "too_large", null,
            "the request body is larger than " + maxBodyBytes + " bytes");
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
            HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, body);
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }
}
