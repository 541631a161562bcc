package io.ringfence.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.ringfence.Engine;
import io.ringfence.EngineClient;
import io.ringfence.api.Ack;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.CardRef;
import io.ringfence.api.FraudReport;
import io.ringfence.api.ResponseCode;
import io.ringfence.server.DoorStats;
import io.ringfence.server.EngineDoor;
import io.ringfence.server.ServerContext;
import io.ringfence.server.ServerState;

import javax.net.ssl.SSLException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * One HTTP connection of the {@link HttpDoor}, on the I/O thread. It serves one request at a time: a request that
 * waits for the engine or the admin thread keeps the connection busy, and what the client sent behind it is queued
 * (up to {@code maxInFlightPerConnection}, then the socket is not read) and served once it is answered.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter implements EngineDoor.AnswerListener {
    private static final String AUTHORIZATIONS = "/v1/authorizations";
    private static final String FRAUD_REPORTS = "/v1/fraud-reports";
    private static final String FLAG_CLEARS = "/v1/flags/clear";
    private static final String TOKEN_LINKS = "/v1/token-links";
    private static final String REVERSALS = "/v1/reversals";
    private static final String LISTS = "/v1/lists/";
    private static final String LIST_ITEMS = "/items";
    private static final String BEARER = "Bearer ";
    private static final String JSON = "application/json";

    private final HttpDoor door;
    private final ServerContext context;
    private final DoorStats stats;
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private boolean busy;
    private boolean serving;
    private boolean closing;
    private boolean keepAlive;
    private String requestId;

    HttpConnection(final HttpDoor door) {
        this.door = door;
        this.context = door.context();
        this.stats = context.httpStats();
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext added) {
        ctx = added;
    }

    @Override
    public void channelRead(final ChannelHandlerContext channel, final Object message) {
        if (!(message instanceof FullHttpRequest) && !(message instanceof BodyLimit.TooLarge)) {
            ReferenceCountUtil.release(message);
            return;
        }
        waiting.add(message);
        if (waiting.size() >= context.config().maxInFlightPerConnection()) {
            channel.channel().config().setAutoRead(false);
        }
        serveWaiting();
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext channel, final Object event) {
        if (event instanceof IdleStateEvent) {
            if (!busy) {
                stats.error("idle_close");
                channel.close();
            }
            return;
        }
        channel.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext channel, final Throwable cause) {
        stats.error(cause instanceof SSLException || cause.getCause() instanceof SSLException ? "tls_error"
            : "connection_error");
        channel.close();
    }

    @Override
    public void channelInactive(final ChannelHandlerContext channel) {
        Object message;
        while ((message = waiting.poll()) != null) {
            ReferenceCountUtil.release(message);
        }
        channel.fireChannelInactive();
    }

    private void serveWaiting() {
        if (serving) {
            return;
        }
        serving = true;
        try {
            Object message;
            while (!busy && !closing && (message = waiting.poll()) != null) {
                busy = true;
                try {
                    serve(message);
                } finally {
                    ReferenceCountUtil.release(message);
                }
            }
        } finally {
            serving = false;
        }
        if (!busy && waiting.isEmpty() && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void serve(final Object message) {
        stats.message();
        if (message instanceof BodyLimit.TooLarge) {
            keepAlive = !((BodyLimit.TooLarge)message).close();
            send(BodyLimit.tooLarge(ctx.alloc(), context.config().maxBodyBytes(), false));
            return;
        }
        final FullHttpRequest request = (FullHttpRequest)message;
        keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            keepAlive = false;
            error(HttpResponseStatus.BAD_REQUEST, "malformed_http", null, "the request is not valid HTTP/1.1");
            return;
        }
        final String path = new QueryStringDecoder(request.uri()).rawPath();
        final HttpMethod method = request.method();
        if (path.startsWith("/v1/")) {
            serveV1(request, method, path);
        } else if (path.equals("/health/live")) {
            if (allowed(method, HttpMethod.GET)) {
                json(HttpResponseStatus.OK, JsonResponses.status(ctx.alloc(), "live"));
            }
        } else if (path.equals("/health/ready")) {
            if (allowed(method, HttpMethod.GET)) {
                final ServerState state = context.state();
                json(state == ServerState.READY ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                    JsonResponses.status(ctx.alloc(), state.name().toLowerCase(Locale.ROOT)));
            }
        } else if (path.equals("/metrics")) {
            if (allowed(method, HttpMethod.GET)) {
                final ByteBuf text = Unpooled.copiedBuffer(ServerMetrics.render(context), StandardCharsets.UTF_8);
                send(response(HttpResponseStatus.OK, PrometheusText.CONTENT_TYPE, text));
            }
        } else {
            notFound();
        }
    }

    private void serveV1(final FullHttpRequest request, final HttpMethod method, final String path) {
        final ServerState state = context.state();
        if (state == ServerState.STARTING) {
            final FullHttpResponse response = errorResponse(HttpResponseStatus.SERVICE_UNAVAILABLE, "starting", null,
                "the engine is recovering its state; retry shortly");
            response.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
            stats.error("unavailable");
            send(response);
            return;
        }
        if (state != ServerState.READY) {
            keepAlive = false;
            stats.error("unavailable");
            error(HttpResponseStatus.SERVICE_UNAVAILABLE, "draining", null, "the server is shutting down");
            return;
        }
        if (!authorized(request)) {
            stats.error("unauthorized");
            final FullHttpResponse response = errorResponse(HttpResponseStatus.UNAUTHORIZED, "unauthorized", null,
                "a valid API key is required: Authorization: Bearer KEY");
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"ringfence\"");
            send(response);
            return;
        }
        final String idempotencyKey;
        final int length = request.content().readableBytes();
        final byte[] body = door.scratch();
        request.content().getBytes(request.content().readerIndex(), body, 0, length);
        try {
            idempotencyKey = Requests.idempotencyKey(request.headers().get("Idempotency-Key"));
            if (path.equals(AUTHORIZATIONS)) {
                if (allowed(method, HttpMethod.POST)) {
                    authorize(Requests.authorization(RequestBody.parse(body, length, Requests.AUTHORIZATION),
                        idempotencyKey));
                }
            } else if (path.equals(FRAUD_REPORTS)) {
                if (allowed(method, HttpMethod.POST)) {
                    final FraudReport report = Requests.fraudReport(parse(body, length, Requests.FRAUD_REPORT));
                    control(path, idempotencyKey, body, length, engine -> engine.reportFraud(report));
                }
            } else if (path.equals(FLAG_CLEARS)) {
                if (allowed(method, HttpMethod.POST)) {
                    final RequestBody parsed = parse(body, length, Requests.CLEAR_FLAG);
                    final CardRef card = Requests.card(parsed);
                    final long time = Requests.time(parsed);
                    control(path, idempotencyKey, body, length, engine -> engine.clearFlag(card, time));
                }
            } else if (path.equals(TOKEN_LINKS)) {
                if (allowed(method, HttpMethod.POST)) {
                    final RequestBody parsed = parse(body, length, Requests.TOKEN_LINK);
                    final CardRef token = Requests.token(parsed);
                    final CardRef card = Requests.card(parsed);
                    final long time = Requests.time(parsed);
                    control(path, idempotencyKey, body, length, engine -> engine.linkToken(token, card, time));
                }
            } else if (path.equals(REVERSALS)) {
                if (allowed(method, HttpMethod.POST)) {
                    final RequestBody parsed = parse(body, length, Requests.REVERSAL);
                    final String merchantId = parsed.required(RequestField.MERCHANT_ID);
                    final String reversed = parsed.required(RequestField.REQUEST_ID);
                    final long time = Requests.time(parsed);
                    control(path, idempotencyKey, body, length, engine -> engine.reverse(merchantId, reversed, time));
                }
            } else if (path.startsWith(LISTS)) {
                list(method, path, idempotencyKey, body, length);
            } else {
                notFound();
            }
        } catch (final BadRequest e) {
            stats.error("bad_request");
            error(HttpResponseStatus.BAD_REQUEST, "bad_request", e.field(), e.getMessage());
        }
    }

    /** {@code POST /v1/lists/NAME/items} with {"value": ...}, or {@code DELETE /v1/lists/NAME/items/VALUE}. */
    private void list(final HttpMethod method, final String path,
        final String idempotencyKey, final byte[] body, final int length) throws BadRequest {
        final int items = path.indexOf(LIST_ITEMS, LISTS.length());
        final String name = items < 0 ? "" : path.substring(LISTS.length(), items);
        final String rest = items < 0 ? null : path.substring(items + LIST_ITEMS.length());
        if (name.isEmpty() || name.indexOf('/') >= 0 || rest == null || !(rest.isEmpty() || rest.startsWith("/"))) {
            notFound();
            return;
        }
        if (rest.isEmpty()) {
            if (allowed(method, HttpMethod.POST)) {
                final String value = parse(body, length, Requests.LIST_ITEM).required(RequestField.VALUE);
                control(path, idempotencyKey, body, length, engine -> engine.listAdd(name, value));
            }
            return;
        }
        final String value = QueryStringDecoder.decodeComponent(rest.substring(1), StandardCharsets.UTF_8);
        if (value.isEmpty() || rest.indexOf('/', 1) >= 0) {
            notFound();
        } else if (allowed(method, HttpMethod.DELETE)) {
            control(path, idempotencyKey, body, 0, engine -> engine.listRemove(name, value));
        }
    }

    private static RequestBody parse(final byte[] body, final int length, final Set<RequestField> fields)
        throws BadRequest {
        return RequestBody.parse(body, length, fields);
    }

    private boolean authorized(final FullHttpRequest request) {
        if (context.config().insecureNoAuth()) {
            return true;
        }
        final String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return context.apiKeys().accepts(header.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8));
    }

    private void authorize(final AuthorizationRequest request) {
        requestId = request.requestId();
        if (!context.engineDoor().submit(request, this)) {
            stats.error("overloaded");
            final FullHttpResponse response = errorResponse(HttpResponseStatus.SERVICE_UNAVAILABLE, "overloaded", null,
                "the engine has as many requests outstanding as the server allows; retry");
            response.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
            send(response);
        }
    }

    @Override
    public void onAnswer(final EngineClient.Answer answer) {
        final HttpResponseStatus status = answer.responseCode() == ResponseCode.DUPLICATE_TRANSMISSION
            ? HttpResponseStatus.CONFLICT : HttpResponseStatus.OK;
        json(status, JsonResponses.decision(ctx.alloc(), requestId, answer.toDecision()));
    }

    /**
     * A control call: run on the admin thread, answered on the I/O thread. With an Idempotency-Key, a retry of a call
     * that took effect gets its first answer, and nothing is applied twice.
     */
    private void control(final String endpoint, final String key, final byte[] body, final int length,
        final Function<Engine, Ack> call) {
        IdempotencyCache.Entry entry = null;
        if (key != null) {
            final IdempotencyCache cache = door.idempotency();
            final byte[] digest = cache.digest(endpoint, body, length);
            final IdempotencyCache.Entry known = cache.get(endpoint, key);
            if (known != null) {
                replay(known, digest);
                return;
            }
            entry = cache.begin(endpoint, key, digest);
        }
        final IdempotencyCache.Entry remembered = entry;
        final Engine engine = context.engine();
        context.admin().call(() -> call.apply(engine)).whenComplete((ack, failure) ->
            ctx.executor().execute(() -> acknowledged(endpoint, key, remembered, ack, failure)));
    }

    private void replay(final IdempotencyCache.Entry known, final byte[] digest) {
        if (!IdempotencyCache.sameRequest(known, digest)) {
            stats.error("idempotency_conflict");
            error(HttpResponseStatus.UNPROCESSABLE_ENTITY, "idempotency_key_reused", "Idempotency-Key",
                "this Idempotency-Key was used with a different request");
        } else if (!known.answered()) {
            stats.error("idempotency_conflict");
            error(HttpResponseStatus.CONFLICT, "idempotency_key_in_progress", "Idempotency-Key",
                "the first request with this Idempotency-Key is still being applied; retry");
        } else {
            final FullHttpResponse response = response(HttpResponseStatus.valueOf(known.status()), JSON,
                Unpooled.wrappedBuffer(known.body()));
            response.headers().set("Idempotent-Replayed", "true");
            send(response);
        }
    }

    private void acknowledged(final String endpoint, final String key, final IdempotencyCache.Entry entry,
        final Ack ack, final Throwable failure) {
        if (failure != null) {
            if (entry != null) {
                door.idempotency().forget(endpoint, key, entry);
            }
            stats.error("internal_error");
            error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error", null,
                "the engine could not take the request");
            return;
        }
        final HttpResponseStatus status = switch (ack.status()) {
            case APPLIED, NO_CHANGE -> HttpResponseStatus.OK;
            case PENDING -> HttpResponseStatus.ACCEPTED;
            case REJECTED -> HttpResponseStatus.UNPROCESSABLE_ENTITY;
        };
        final ByteBuf body = JsonResponses.ack(ctx.alloc(), ack);
        if (entry != null) {
            if (ack.status() == Ack.Status.REJECTED) {
                door.idempotency().forget(endpoint, key, entry);
            } else {
                final byte[] bytes = new byte[body.readableBytes()];
                body.getBytes(body.readerIndex(), bytes);
                IdempotencyCache.answered(entry, status.code(), bytes);
            }
        }
        json(status, body);
    }

    private boolean allowed(final HttpMethod method, final HttpMethod expected) {
        if (method.equals(expected)) {
            return true;
        }
        stats.error("method_not_allowed");
        final FullHttpResponse response = errorResponse(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
            null, "use " + expected.name());
        response.headers().set(HttpHeaderNames.ALLOW, expected.name());
        send(response);
        return false;
    }

    private void notFound() {
        stats.error("not_found");
        error(HttpResponseStatus.NOT_FOUND, "not_found", null, "no such endpoint");
    }

    private void error(final HttpResponseStatus status, final String error, final String field, final String message) {
        send(errorResponse(status, error, field, message));
    }

    private FullHttpResponse errorResponse(final HttpResponseStatus status, final String error, final String field,
        final String message) {
        return response(status, JSON, JsonResponses.error(ctx.alloc(), error, field, message));
    }

    private void json(final HttpResponseStatus status, final ByteBuf body) {
        send(response(status, JSON, body));
    }

    private static FullHttpResponse response(final HttpResponseStatus status, final String contentType,
        final ByteBuf body) {
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, contentType)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        return response;
    }

    /**
     * Writes the answer to the request being served and frees the connection for the next. While the server
     * drains, every answer closes its connection, so clients move on to another instance.
     */
    private void send(final FullHttpResponse response) {
        final ServerState state = context.state();
        if (!keepAlive || (state != ServerState.READY && state != ServerState.STARTING)) {
            closing = true;
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        }
        busy = false;
        requestId = null;
        serveWaiting();
    }
}
