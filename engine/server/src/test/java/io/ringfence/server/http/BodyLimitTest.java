package io.ringfence.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.ringfence.server.DoorStats;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The body limit: 413 in turn for an oversized request, at once for one that expects 100-continue. */
class BodyLimitTest {
    private static final int LIMIT = 16;

    private static HttpRequest post(final int contentLength) {
        final HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/v1/authorizations");
        request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, contentLength);
        return request;
    }

    @Test
    void anOversizedRequestBecomesATooLargeMarkerAndTheNextRequestIsRead() {
        final DoorStats stats = new DoorStats("http");
        final EmbeddedChannel channel = new EmbeddedChannel(new BodyLimit(LIMIT, stats));
        channel.writeInbound(post(LIMIT + 1));
        channel.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[LIMIT + 1])));
        channel.writeInbound(new DefaultLastHttpContent());
        final BodyLimit.TooLarge marker = assertInstanceOf(BodyLimit.TooLarge.class, channel.readInbound());
        assertFalse(marker.close(), "a keep-alive connection carries on");
        assertEquals(1, stats.errors("too_large"));

        channel.writeInbound(post(2));
        channel.writeInbound(new DefaultLastHttpContent(Unpooled.copiedBuffer("{}", StandardCharsets.UTF_8)));
        final FullHttpRequest next = channel.readInbound();
        assertEquals("{}", next.content().toString(StandardCharsets.UTF_8));
        next.release();
        assertNull(channel.readOutbound(), "nothing is written by the limit itself");
        channel.finishAndReleaseAll();
    }

    @Test
    void anOversizedRequestExpectingContinueIsAnswered413AtOnce() {
        final DoorStats stats = new DoorStats("http");
        final EmbeddedChannel channel = new EmbeddedChannel(new BodyLimit(LIMIT, stats));
        final HttpRequest request = post(LIMIT + 1);
        request.headers().set(HttpHeaderNames.EXPECT, HttpHeaderValues.CONTINUE);
        channel.writeInbound(request);
        final FullHttpResponse response = channel.readOutbound();
        assertEquals(413, response.status().code());
        assertEquals("application/json", response.headers().get(HttpHeaderNames.CONTENT_TYPE));
        assertTrue(response.content().toString(StandardCharsets.UTF_8).contains("\"too_large\""));
        response.release();
        channel.writeInbound(new DefaultLastHttpContent(Unpooled.wrappedBuffer(new byte[LIMIT + 1])));
        assertNull(channel.readInbound(), "a body sent anyway is dropped");
        assertEquals(1, stats.errors("too_large"));
        assertFalse(channel.releaseOutbound(), "one answer only");
    }
}
