package io.ringfence.server.iso8583;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.ringfence.Engine;
import io.ringfence.EngineClient;
import io.ringfence.api.Ack;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;
import io.ringfence.server.DoorStats;
import io.ringfence.server.EngineDoor;
import io.ringfence.server.ServerContext;

import java.util.ArrayDeque;
import java.util.List;

/**
 * One ISO 8583 connection, on the I/O thread: frames, decodes and answers its messages. Frames are read in place
 * from Netty's accumulated bytes and handled as they complete, so a message costs no copy and no object beyond the
 * engine request itself; a half-sent frame just waits for the rest (or the idle timeout).
 *
 * <p>What closes the connection, counted in the door's errors: a length header that is not a length
 * ({@code bad_length_header}), a frame over {@link io.ringfence.server.ServerConfig#maxFrameBytes}
 * ({@code frame_too_long}), a message whose type or STAN cannot be read ({@code unreadable_message}), silence past the
 * idle timeout with nothing outstanding ({@code idle_timeout}). A message that can be matched to its request but not
 * understood is answered 30 ({@code format_error}) and the connection goes on.
 *
 * <p>At {@link io.ringfence.server.ServerConfig#maxInFlightPerConnection} outstanding requests the connection stops
 * reading, frames already received included, and resumes when an answer goes out.
 */
final class IsoConnection extends ByteToMessageDecoder {
    private static final String APPROVED = ResponseCode.APPROVED.code();
    private static final String FORMAT_ERROR = ResponseCode.FORMAT_ERROR.code();
    private static final String ISSUER_UNAVAILABLE = ResponseCode.ISSUER_UNAVAILABLE.code();
    private static final String SYSTEM_MALFUNCTION = ResponseCode.SYSTEM_MALFUNCTION.code();
    private static final String INVALID_TRANSACTION = ResponseCode.INVALID_TRANSACTION.code();

    private enum Kind { AUTHORIZATION, ADVICE, REVERSAL }


    /** One outstanding request: what its answer needs once its frame is gone. Pooled per connection. */
    private final class Pending implements EngineDoor.AnswerListener {
        private final IsoResponseWriter.Echo echo = new IsoResponseWriter.Echo();
        private int responseMti;
        private Kind kind;

        @Override
        public void onAnswer(final EngineClient.Answer answer) {
            if (kind == Kind.ADVICE) {
                finish(this, adviceCode(answer), false);
            } else {
                final ResponseCode code = answer.responseCode();
                finish(this, code.code(), code == ResponseCode.APPROVED);
            }
        }
    }

    private final ServerContext context;
    private final DoorStats stats;
    private final IsoRequests requests;
    private final IsoMessage message;
    private final IsoResponseWriter writer;
    private final boolean binary;
    private final int maxFrameBytes;
    private final int maxInFlight;
    private final ArrayDeque<Pending> free = new ArrayDeque<>();
    private final IsoResponseWriter.Echo immediate = new IsoResponseWriter.Echo();
    private final Runnable resume = this::resume;
    private ChannelHandlerContext ctx;
    private int inFlight;
    private boolean paused;
    private boolean closing;

    IsoConnection(final ServerContext context, final IsoRequests requests, final boolean binary) {
        this.context = context;
        this.stats = context.isoStats();
        this.requests = requests;
        this.binary = binary;
        this.message = new IsoMessage(binary);
        this.writer = new IsoResponseWriter(binary);
        this.maxFrameBytes = context.config().maxFrameBytes();
        this.maxInFlight = context.config().maxInFlightPerConnection();
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext added) {
        ctx = added;
    }

    @Override
    protected void decode(final ChannelHandlerContext unused, final ByteBuf in, final List<Object> out) {
        final int headerBytes = writer.headerBytes();
        while (!closing && in.readableBytes() >= headerBytes) {
            if (inFlight >= maxInFlight) {
                paused = true;
                ctx.channel().config().setAutoRead(false);
                return;
            }
            final int at = in.readerIndex();
            final int length = binary ? in.getUnsignedShort(at) : asciiLength(in, at);
            if (length < 0) {
                abandon(in, "bad_length_header");
                return;
            }
            if (length > maxFrameBytes) {
                abandon(in, "frame_too_long");
                return;
            }
            if (in.readableBytes() - headerBytes < length) {
                return;
            }
            in.readerIndex(at + headerBytes + length);
            if (length > 0) {
                onMessage(in, at + headerBytes, length);
            }
        }
    }

    /** A frame cut off by the peer's close is counted, never decoded. */
    @Override
    protected void decodeLast(final ChannelHandlerContext unused, final ByteBuf in, final List<Object> out) {
        if (!closing && in.isReadable()) {
            stats.error("truncated_frame");
        }
        in.skipBytes(in.readableBytes());
    }

    /** While paused, does not ask for more bytes, as the decoder otherwise does when it has produced nothing. */
    @Override
    public void channelReadComplete(final ChannelHandlerContext context) throws Exception {
        if (paused) {
            discardSomeReadBytes();
            context.fireChannelReadComplete();
            return;
        }
        super.channelReadComplete(context);
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext context, final Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            if (inFlight == 0 && !closing) {
                stats.error("idle_timeout");
                closing = true;
                context.close();
            }
            return;
        }
        super.userEventTriggered(context, event);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext context, final Throwable cause) {
        if (!closing) {
            stats.error("connection_error");
            closing = true;
        }
        context.close();
    }

    private void onMessage(final ByteBuf in, final int offset, final int length) {
        stats.message();
        try {
            message.decode(in, offset, length);
        } catch (final IsoFormatException e) {
            formatError();
            return;
        }
        final int mti = message.mti();
        final int original = mti % 10 == 1 ? mti - 1 : mti;
        switch (original) {
            case 100:
            case 200:
                authorize(original + 10, Kind.AUTHORIZATION);
                break;
            case 120:
            case 220:
                authorize(original + 10, Kind.ADVICE);
                break;
            case 400:
            case 420:
                reverse(original + 10);
                break;
            case 800:
                networkManagement(original + 10);
                break;
            default:
                unsupported(mti);
                break;
        }
    }

    private void authorize(final int responseMti, final Kind kind) {
        if (!context.ready()) {
            respond(responseMti, ISSUER_UNAVAILABLE);
            return;
        }
        final AuthorizationRequest request;
        try {
            request = requests.authorization(message);
        } catch (final IsoFormatException e) {
            refuseFormat(responseMti);
            return;
        }
        final Pending pending = pending(responseMti, kind);
        inFlight++;
        if (!context.engineDoor().submit(request, pending)) {
            inFlight--;
            free.push(pending);
            respond(responseMti, ISSUER_UNAVAILABLE);
        }
    }

    private void reverse(final int responseMti) {
        if (!context.ready()) {
            respond(responseMti, ISSUER_UNAVAILABLE);
            return;
        }
        final IsoRequests.Original original;
        try {
            original = requests.original(message);
        } catch (final IsoFormatException e) {
            refuseFormat(responseMti);
            return;
        }
        final Pending pending = pending(responseMti, Kind.REVERSAL);
        inFlight++;
        final Engine engine = context.engine();
        context.admin().call(() -> engine.reverse(original.merchantId(), original.requestId(), original.timeMillis()))
            .whenComplete((ack, failure) -> ctx.executor().execute(() ->
                finish(pending, reversalCode(ack, failure), false)));
    }

    /**
     * An advice reports a transaction already done: it is acknowledged once the engine has it in its history, whatever
     * the engine would have decided. One ingress refused gets the refusal's code; one given a stand-in gets 91, so the
     * acquirer repeats it (a repeat of one the engine did take is a retry and gets 00).
     */
    private static String adviceCode(final EngineClient.Answer answer) {
        if (answer.standIn()) {
            return ISSUER_UNAVAILABLE;
        }
        return answer.primaryReason() != null && answer.primaryReason().refusesMalformedRequest() ? answer.responseCode().code() : APPROVED;
    }

    /**
     * A reversal the engine applied, or found nothing to undo for (an original it never saw, refused as malformed, or
     * already reversed), is acknowledged: the acquirer stops repeating it. One the engine could not take (a failure,
     * a stopped engine) is answered 96, so the acquirer repeats it.
     */
    private static String reversalCode(final Ack ack, final Throwable failure) {
        if (failure != null || ack == null || ack.status() == Ack.Status.REJECTED) {
            return SYSTEM_MALFUNCTION;
        }
        return APPROVED;
    }

    /** 0800: 301 echo test, 001 sign-on, 002 sign-off, all acknowledged; the door keeps no session state. */
    private void networkManagement(final int responseMti) {
        final long code;
        try {
            if (!message.present(70)) {
                throw new IsoFormatException(70, "missing");
            }
            code = message.number(70);
        } catch (final IsoFormatException e) {
            refuseFormat(responseMti);
            return;
        }
        respond(responseMti, code == 1 || code == 2 || code == 301 ? APPROVED : INVALID_TRANSACTION);
    }

    /** A request or advice of a type the door does not serve is refused (12); a stray response is dropped. */
    private void unsupported(final int mti) {
        stats.error("unsupported_mti");
        if (isRequest(mti) && message.readable(11)) {
            respond(mti - mti % 10 + 10, INVALID_TRANSACTION);
        }
    }

    private void refuseFormat(final int responseMti) {
        stats.error("format_error");
        respond(responseMti, FORMAT_ERROR);
    }

    /** Answers 30 when the caller could match the answer to its request, and closes the connection otherwise. */
    private void formatError() {
        final int mti = message.mti();
        if (mti >= 0 && isRequest(mti) && message.readable(11)) {
            refuseFormat(mti - mti % 10 + 10);
            return;
        }
        stats.error("unreadable_message");
        closing = true;
        ctx.close();
    }

    /** Requests, advices and notifications have an even third digit; responses an odd one. */
    private static boolean isRequest(final int mti) {
        return mti / 10 % 2 == 0;
    }

    private Pending pending(final int responseMti, final Kind kind) {
        Pending pending = free.poll();
        if (pending == null) {
            pending = new Pending();
        }
        pending.echo.capture(message);
        pending.responseMti = responseMti;
        pending.kind = kind;
        return pending;
    }

    private void finish(final Pending pending, final String responseCode, final boolean approval) {
        inFlight--;
        write(pending.responseMti, pending.echo, responseCode, approval);
        free.push(pending);
        if (paused && inFlight < maxInFlight) {
            paused = false;
            ctx.executor().execute(resume);
        }
    }

    private void respond(final int responseMti, final String responseCode) {
        immediate.capture(message);
        write(responseMti, immediate, responseCode, false);
    }

    private void write(final int mti, final IsoResponseWriter.Echo echo, final String responseCode,
        final boolean approval) {
        if (!ctx.channel().isActive()) {
            return;
        }
        final ByteBuf out = ctx.alloc().ioBuffer(256);
        writer.write(out, mti, echo, responseCode, approval);
        ctx.writeAndFlush(out, ctx.voidPromise());
    }

    /** Reads the frames that arrived while paused, then reads from the socket again. */
    private void resume() {
        if (closing || paused || !ctx.channel().isActive()) {
            return;
        }
        ctx.channel().config().setAutoRead(true);
        try {
            channelRead(ctx, Unpooled.EMPTY_BUFFER);
        } catch (final Exception e) {
            exceptionCaught(ctx, e);
        }
    }

    private void abandon(final ByteBuf in, final String kind) {
        stats.error(kind);
        closing = true;
        in.skipBytes(in.readableBytes());
        ctx.close();
    }

    private static int asciiLength(final ByteBuf in, final int at) {
        int length = 0;
        for (int i = 0; i < 4; i++) {
            final int c = in.getByte(at + i);
            if (c < '0' || c > '9') {
                return -1;
            }
            length = length * 10 + c - '0';
        }
        return length;
    }
}
