package io.ringfence.server.iso8583;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.ringfence.server.DoorStats;
import io.ringfence.server.ServerConfig;
import io.ringfence.server.ServerContext;
import io.ringfence.server.TestServerContexts;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One connection's framing, answers and error counts, on an embedded channel: no sockets, no engine. */
class IsoConnectionTest {
    private static final int MAX_FRAME = 512;

    private final ServerContext context = TestServerContexts.starting(ServerConfig.builder().isoPort(0)
        .httpPort(ServerConfig.DISABLED).maxFrameBytes(MAX_FRAME).build());
    private final DoorStats stats = context.isoStats();

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void answersAnEchoTest(final boolean binary) throws Exception {
        final EmbeddedChannel channel = connection(binary);
        channel.writeInbound(frame(echo("000001"), binary));
        final ISOMsg response = response(channel, binary);
        assertEquals("0810", response.getMTI());
        assertEquals("000001", response.getString(11));
        assertEquals("301", response.getString(70));
        assertEquals("00", response.getString(39));
        assertEquals(1, stats.messages());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void readsFramesSplitAndJoinedAnyHow(final boolean binary) throws Exception {
        final EmbeddedChannel channel = connection(binary);
        final ByteBuf two = Unpooled.buffer().writeBytes(frame(echo("000001"), binary))
            .writeBytes(frame(echo("000002"), binary));
        final byte[] third = frameBytes(echo("000003"), binary);
        two.writeBytes(third, 0, 5);
        channel.writeInbound(two);
        assertEquals("000001", response(channel, binary).getString(11));
        assertEquals("000002", response(channel, binary).getString(11));
        assertNull(channel.readOutbound(), "half a frame waits for the rest");
        channel.writeInbound(Unpooled.wrappedBuffer(third, 5, third.length - 5));
        assertEquals("000003", response(channel, binary).getString(11));
        assertTrue(channel.isOpen());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void closesOnAFrameOverTheLimit(final boolean binary) {
        final EmbeddedChannel channel = connection(binary);
        final ByteBuf header = Unpooled.buffer();
        if (binary) {
            header.writeShort(MAX_FRAME + 1);
        } else {
            header.writeBytes(String.format("%04d", MAX_FRAME + 1).getBytes(StandardCharsets.US_ASCII));
        }
        channel.writeInbound(header.writeZero(10));
        assertFalse(channel.isOpen());
        assertEquals(1, stats.errors("frame_too_long"));
    }

    @Test
    void closesOnALengthHeaderThatIsNotDigits() {
        final EmbeddedChannel channel = connection(false);
        channel.writeInbound(Unpooled.wrappedBuffer("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(channel.isOpen());
        assertEquals(1, stats.errors("bad_length_header"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void closesOnGarbageThatCannotBeMatchedToARequest(final boolean binary) {
        final EmbeddedChannel channel = connection(binary);
        final byte[] garbage = "\u00ff\u00fe not an ISO 8583 message at all".getBytes(StandardCharsets.ISO_8859_1);
        channel.writeInbound(Unpooled.wrappedBuffer(IsoMessageTest.framed(garbage, binary)));
        assertFalse(channel.isOpen());
        assertNull(channel.readOutbound());
        assertEquals(1, stats.errors("unreadable_message"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void answersABrokenFieldWith30AndGoesOn(final boolean binary) throws Exception {
        final EmbeddedChannel channel = connection(binary);
        final ISOMsg request = new ISOMsg("0100");
        IsoRequestsTest.chipAt(request);
        request.set(48, "IP0031.2");
        final byte[] packed = IsoMessageTest.pack(request, binary);
        // Cut field 48 and field 49 short: everything up to 43 still reads.
        final byte[] cut = Arrays.copyOf(packed, packed.length - 6);
        channel.writeInbound(Unpooled.wrappedBuffer(IsoMessageTest.framed(cut, binary)));
        final ISOMsg response = response(channel, binary);
        assertEquals("0110", response.getMTI());
        assertEquals("30", response.getString(39));
        assertEquals("000042", response.getString(11));
        assertEquals("TERM0001", response.getString(41));
        assertFalse(response.hasField(2));
        assertEquals(1, stats.errors("format_error"));
        channel.writeInbound(frame(echo("000002"), binary));
        assertEquals("00", response(channel, binary).getString(39));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void refusesAnUnsupportedRequestAndDropsAStrayResponse(final boolean binary) throws Exception {
        final EmbeddedChannel channel = connection(binary);
        final ISOMsg other = echo("000005");
        other.setMTI("0300");
        channel.writeInbound(frame(other, binary));
        final ISOMsg refused = response(channel, binary);
        assertEquals("0310", refused.getMTI());
        assertEquals("12", refused.getString(39));
        other.setMTI("0110");
        channel.writeInbound(frame(other, binary));
        assertNull(channel.readOutbound());
        assertEquals(2, stats.errors("unsupported_mti"));
        assertTrue(channel.isOpen());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void answersAuthorizationsAndReversals91WhileNotReady(final boolean binary) throws Exception {
        final EmbeddedChannel channel = connection(binary);
        for (final String mti : new String[] {"0100", "0200", "0120", "0400"}) {
            final ISOMsg request = new ISOMsg();
            IsoRequestsTest.chipAt(request);
            request.setMTI(mti);
            channel.writeInbound(frame(request, binary));
            final ISOMsg response = response(channel, binary);
            assertEquals("0" + (Integer.parseInt(mti) + 10), response.getMTI());
            assertEquals("91", response.getString(39));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void countsAFrameCutOffByTheClose(final boolean binary) throws Exception {
        final EmbeddedChannel channel = connection(binary);
        final byte[] whole = frameBytes(echo("000001"), binary);
        channel.writeInbound(Unpooled.wrappedBuffer(whole, 0, whole.length - 3));
        channel.finishAndReleaseAll();
        assertEquals(1, stats.errors("truncated_frame"));
    }

    @Test
    void closesAnIdleConnection() {
        final EmbeddedChannel channel = connection(true);
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        assertFalse(channel.isOpen());
        assertEquals(1, stats.errors("idle_timeout"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void refusesAnUnknownNetworkManagementCodeAndAMissingOne(final boolean binary) throws Exception {
        final EmbeddedChannel channel = connection(binary);
        final ISOMsg missing = echo("000001");
        missing.unset(70);
        channel.writeInbound(frame(missing, binary));
        assertEquals("30", response(channel, binary).getString(39));
        final ISOMsg unknown = echo("000002");
        unknown.set(70, "999");
        channel.writeInbound(frame(unknown, binary));
        assertEquals("12", response(channel, binary).getString(39));
        assertTrue(channel.isOpen());
    }

    private EmbeddedChannel connection(final boolean binary) {
        return new EmbeddedChannel(new IsoConnection(context, new IsoRequests(System::currentTimeMillis), binary));
    }

    static ISOMsg echo(final String stan) throws Exception {
        final ISOMsg m = new ISOMsg("0800");
        m.set(7, "1202170000");
        m.set(11, stan);
        m.set(70, "301");
        return m;
    }

    private static ByteBuf frame(final ISOMsg message, final boolean binary) throws Exception {
        return Unpooled.wrappedBuffer(frameBytes(message, binary));
    }

    private static byte[] frameBytes(final ISOMsg message, final boolean binary) throws Exception {
        return IsoMessageTest.framed(IsoMessageTest.pack(message, binary), binary);
    }

    private static ISOMsg response(final EmbeddedChannel channel, final boolean binary) throws Exception {
        final ByteBuf out = channel.readOutbound();
        final byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        out.release();
        return IsoMessageTest.unpack(binary, bytes);
    }
}
