package io.ringfence.server.iso8583;

import io.ringfence.Engine;
import io.ringfence.EngineConfig;
import io.ringfence.api.Ack;
import io.ringfence.api.CardRef;
import io.ringfence.api.EngineCounter;
import io.ringfence.api.FraudReport;
import io.ringfence.api.FraudReportKind;
import io.ringfence.server.RingfenceServer;
import io.ringfence.server.ServerConfig;
import io.ringfence.server.http.HttpDoor;
import org.jpos.iso.BaseChannel;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOUtil;
import org.jpos.iso.channel.ASCIIChannel;
import org.jpos.iso.channel.NACChannel;
import org.jpos.iso.packager.ISO87APackager;
import org.jpos.iso.packager.ISO87BPackager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ISO 8583 door end to end, with jPOS as the acquirer: {@code NACChannel} + {@code ISO87BPackager} (and once
 * {@code ASCIIChannel} + {@code ISO87APackager}) against a running server and engine on loopback.
 */
@Timeout(120)
class Iso8583DoorIT {
    private static final int SOCKET_TIMEOUT_MILLIS = 30_000;
    /** Small, so a burst of pipelined requests makes a connection stop reading and resume. */
    private static final int MAX_IN_FLIGHT_PER_CONNECTION = 2;
    private static final DateTimeFormatter DE7 = DateTimeFormatter.ofPattern("MMddHHmmss").withZone(ZoneOffset.UTC);
    private static final AtomicInteger STANS = new AtomicInteger();
    private static final AtomicInteger CARDS = new AtomicInteger();

    private static RingfenceServer server;
    private static BaseChannel link;

    @BeforeAll
    static void start() throws Exception {
        server = start(ServerConfig.IsoWireFormat.BINARY);
        link = connect(server, true);
    }

    @AfterAll
    static void stop() throws IOException {
        if (link != null) {
            link.disconnect();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void answersAnEchoTest() throws Exception {
        final ISOMsg echo = networkManagement("301");
        final ISOMsg response = exchange(link, echo);
        assertEquals("0810", response.getMTI());
        assertEquals("00", response.getString(39));
        assertEquals("301", response.getString(70));
        assertEquals(echo.getString(11), response.getString(11));
    }

    @Test
    void signsOnAndOff() throws Exception {
        assertEquals("00", exchange(link, networkManagement("001")).getString(39));
        assertEquals("00", exchange(link, networkManagement("002")).getString(39));
    }

    @Test
    void approvesACardPresentPurchaseAndEchoesWhatQmuxMatchesOn() throws Exception {
        final ISOMsg request = chip(nextCard());
        final ISOMsg response = exchange(link, request);
        assertEquals("0110", response.getMTI());
        assertEquals("00", response.getString(39));
        assertEquals(6, response.getString(38).length());
        for (final int field : new int[] {3, 4, 7, 11, 12, 13, 37, 41, 42, 49}) {
            assertEquals(request.getString(field), response.getString(field), "field " + field);
        }
        assertFalse(response.hasField(2), "a response never carries the card number");
    }

    @Test
    void approvesACardNotPresentPurchaseWithItsSignals() throws Exception {
        final ISOMsg request = chip(nextCard());
        request.set(22, "812");
        request.set(25, "59");
        request.set(48, CnpSignals.entry("IP", "203.0.113.7") + CnpSignals.entry("IC", "US")
            + CnpSignals.entry("EM", "jane@example.com") + CnpSignals.entry("DV", "device-1")
            + CnpSignals.entry("BC", "US") + CnpSignals.entry("CC", "US"));
        final long before = server.engine().stats().counter(EngineCounter.AUTHORIZATIONS_CNP);
        final ISOMsg response = exchange(link, request);
        assertEquals("00", response.getString(39));
        assertEquals(before + 1, server.engine().stats().counter(EngineCounter.AUTHORIZATIONS_CNP));
    }

    @Test
    void aFinancialRequestIsAnsweredAs0210() throws Exception {
        final ISOMsg request = chip(nextCard());
        request.setMTI("0200");
        final ISOMsg response = exchange(link, request);
        assertEquals("0210", response.getMTI());
        assertEquals("00", response.getString(39));
    }

    @Test
    void reversesAnAuthorizationOnceByItsOriginalData() throws Exception {
        final ISOMsg original = chip(nextCard());
        assertEquals("00", exchange(link, original).getString(39));
        final long before = server.engine().stats().counter(EngineCounter.REVERSALS);

        final ISOMsg reversal = reversalOf(original, "0400");
        reversal.set(90, "0100" + original.getString(11) + original.getString(7) + "0".repeat(22));
        final ISOMsg response = exchange(link, reversal);
        assertEquals("0410", response.getMTI());
        assertEquals("00", response.getString(39));
        assertEquals(reversal.getString(11), response.getString(11));
        assertEquals(before + 1, server.engine().stats().counter(EngineCounter.REVERSALS));

        final ISOMsg advice = reversalOf(original, "0420");
        advice.set(11, original.getString(11));
        assertEquals("00", exchange(link, advice).getString(39), "repeated: acknowledged, nothing more undone");
        assertEquals(before + 1, server.engine().stats().counter(EngineCounter.REVERSALS));
    }

    @Test
    void anAdviceIsRecordedAndAcknowledged() throws Exception {
        final ISOMsg advice = chip(nextCard());
        advice.setMTI("0120");
        final long before = server.engine().stats().counter(EngineCounter.AUTHORIZATIONS_CP);
        final ISOMsg response = exchange(link, advice);
        assertEquals("0130", response.getMTI());
        assertEquals("00", response.getString(39));
        assertFalse(response.hasField(38));
        assertEquals(before + 1, server.engine().stats().counter(EngineCounter.AUTHORIZATIONS_CP));
    }

    @Test
    void anAdviceTheEngineRefusesIsNotAcknowledged() throws Exception {
        final ISOMsg advice = chip(nextCard());
        advice.setMTI("0120");
        advice.set(14, "2001");
        final ISOMsg response = exchange(link, advice);
        assertEquals("0130", response.getMTI());
        assertEquals("54", response.getString(39), "an expired card never reaches the history");
    }

    @Test
    void aCardReportedAsFraudIsRefusedAtTheNextTap() throws Exception {
        final String pan = nextCard();
        final Ack report = server.engine().reportFraud(FraudReport.of(CardRef.pan(pan),
            FraudReportKind.ISSUER_REPORT, System.currentTimeMillis()));
        assertEquals(Ack.Status.APPLIED, report.status());
        final ISOMsg tap = chip(pan);
        tap.set(22, "071");
        final ISOMsg response = exchange(link, tap);
        assertEquals("59", response.getString(39));
        assertFalse(response.hasField(38));
    }

    @Test
    void aRetransmissionGetsTheFirstAnswerAndAChangedOneIsRefused() throws Exception {
        final ISOMsg request = chip(nextCard());
        final ISOMsg first = exchange(link, request);
        final ISOMsg again = exchange(link, request);
        assertEquals(first.getString(39), again.getString(39));
        assertEquals(first.getString(38), again.getString(38));
        final long retries = server.engine().stats().counter(EngineCounter.RETRIES_ANSWERED);
        assertTrue(retries >= 1, "the engine recognised the retry");

        request.set(4, "000000009999");
        assertEquals("94", exchange(link, request).getString(39));
    }

    @Test
    void malformedFramesOnOtherConnectionsLeaveAGoodOneWorking() throws Exception {
        try (Socket garbage = rawConnection()) {
            final byte[] junk = "\u00ff\u00fe\u0001 certainly not ISO 8583".getBytes(StandardCharsets.ISO_8859_1);
            send(garbage, new byte[] {0, (byte)junk.length}, junk);
            assertEquals(-1, garbage.getInputStream().read(), "an unreadable message closes its connection");
        }
        assertEchoWorks();
        try (Socket tooLong = rawConnection()) {
            send(tooLong, new byte[] {(byte)0xFF, (byte)0xFF}, new byte[16]);
            assertEquals(-1, tooLong.getInputStream().read(), "a frame over the limit closes its connection");
        }
        assertEchoWorks();
        try (Socket half = rawConnection()) {
            send(half, new byte[] {0, 100}, new byte[10]);
            assertEchoWorks();
        }
        final BaseChannel other = connect(server, true);
        try {
            final ISOMsg badCurrency = chip(nextCard());
            badCurrency.set(49, "999");
            final ISOMsg refused = exchange(other, badCurrency);
            assertEquals("30", refused.getString(39));
            assertEquals(badCurrency.getString(11), refused.getString(11));
            assertEquals("00", exchange(other, networkManagement("301")).getString(39), "a format error keeps the link");
        } finally {
            other.disconnect();
        }
        assertEchoWorks();
    }

    @Test
    void theResponseBytesNeverHoldTheCardNumber() throws Exception {
        final String pan = nextCard();
        final ISOMsg request = chip(pan);
        request.setPackager(new ISO87BPackager());
        final byte[] packed = request.pack();
        try (Socket socket = rawConnection()) {
            send(socket, new byte[] {(byte)(packed.length >> 8), (byte)packed.length}, packed);
            final DataInputStream in = new DataInputStream(socket.getInputStream());
            final byte[] response = new byte[in.readUnsignedShort()];
            in.readFully(response);
            final String text = new String(response, StandardCharsets.ISO_8859_1);
            assertFalse(text.contains(pan), "the PAN as text");
            assertFalse(text.contains(new String(ISOUtil.str2bcd(pan, false), StandardCharsets.ISO_8859_1)),
                "the PAN as BCD");
            assertFalse(text.contains(new String(ISOUtil.str2bcd(pan.substring(0, 12), false),
                StandardCharsets.ISO_8859_1)), "the PAN's first twelve digits as BCD");
        }
    }

    @Test
    void answersEveryPipelinedRequestPastThePerConnectionCap() throws Exception {
        final int count = 5 * MAX_IN_FLIGHT_PER_CONNECTION;
        final ByteArrayOutputStream burst = new ByteArrayOutputStream();
        final Set<String> stans = new HashSet<>();
        for (int i = 0; i < count; i++) {
            final ISOMsg request = chip(nextCard());
            stans.add(request.getString(11));
            request.setPackager(new ISO87BPackager());
            burst.write(IsoMessageTest.framed(request.pack(), true));
        }
        try (Socket socket = rawConnection()) {
            socket.getOutputStream().write(burst.toByteArray());
            socket.getOutputStream().flush();
            final DataInputStream in = new DataInputStream(socket.getInputStream());
            for (int i = 0; i < count; i++) {
                final byte[] response = new byte[in.readUnsignedShort()];
                in.readFully(response);
                final ISOMsg answer = new ISOMsg();
                answer.setPackager(new ISO87BPackager());
                answer.unpack(response);
                assertEquals("00", answer.getString(39));
                assertTrue(stans.remove(answer.getString(11)), "one answer per request");
            }
        }
        assertTrue(stans.isEmpty());
    }

    @Test
    void speaksAsciiWithAsciiChannelByOption() throws Exception {
        try (RingfenceServer ascii = start(ServerConfig.IsoWireFormat.ASCII)) {
            final BaseChannel channel = connect(ascii, false);
            try {
                assertEquals("00", exchange(channel, networkManagement("301")).getString(39));
                final ISOMsg request = chip(nextCard());
                final ISOMsg response = exchange(channel, request);
                assertEquals("0110", response.getMTI());
                assertEquals("00", response.getString(39));
                assertEquals(request.getString(41), response.getString(41));
                assertFalse(response.hasField(2));
            } finally {
                channel.disconnect();
            }
        }
    }

    private static void assertEchoWorks() throws Exception {
        assertEquals("00", exchange(link, networkManagement("301")).getString(39));
    }

    private static RingfenceServer start(final ServerConfig.IsoWireFormat format) {
        final ServerConfig config = ServerConfig.builder()
            .isoPort(0)
            .httpPort(ServerConfig.DISABLED)
            .isoWireFormat(format)
            .maxFrameBytes(1024)
            .maxInFlightPerConnection(MAX_IN_FLIGHT_PER_CONNECTION)
            .build();
        return RingfenceServer.start(config, () -> Engine.start(EngineConfig.builder()
            .developmentFingerprintKey()
            .ringSize(1024)
            .cardCapacity(1024)
            .merchantCapacity(256)
            .terminalCapacity(256)
            .tokenCapacity(64)
            .requestCapacity(1024)
            .flagCapacity(1024)
            .defaultDeadline(Duration.ofSeconds(10))
            .build()), Iso8583Door::new, HttpDoor::new);
    }

    static BaseChannel connect(final RingfenceServer target, final boolean binary) throws IOException {
        final BaseChannel channel = binary
            ? new NACChannel("127.0.0.1", target.isoPort(), new ISO87BPackager(), null)
            : new ASCIIChannel("127.0.0.1", target.isoPort(), new ISO87APackager());
        channel.setTimeout(SOCKET_TIMEOUT_MILLIS);
        channel.connect();
        return channel;
    }

    /** Sends and waits for the answer; one request at a time per channel, so the next message is its answer. */
    static synchronized ISOMsg exchange(final BaseChannel channel, final ISOMsg request) throws Exception {
        channel.send((ISOMsg)request.clone());
        final ISOMsg response = channel.receive();
        assertNotNull(response);
        return response;
    }

    private static Socket rawConnection() throws IOException {
        final Socket socket = new Socket("127.0.0.1", server.isoPort());
        socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
        return socket;
    }

    private static void send(final Socket socket, final byte[] header, final byte[] body) throws IOException {
        final OutputStream out = socket.getOutputStream();
        out.write(header);
        out.write(body);
        out.flush();
    }

    private static String nextCard() {
        return TestPans.pan("400000", CARDS.incrementAndGet());
    }

    private static String nextStan() {
        return String.format("%06d", STANS.incrementAndGet());
    }

    private static ISOMsg networkManagement(final String code) throws Exception {
        final ISOMsg m = new ISOMsg("0800");
        m.set(7, DE7.format(Instant.now()));
        m.set(11, nextStan());
        m.set(70, code);
        return m;
    }

    /** A chip purchase of 20.00 USD in a US store, with a fresh STAN and RRN. */
    static ISOMsg chip(final String pan) throws Exception {
        final String stan = nextStan();
        final Instant now = Instant.now();
        final ISOMsg m = new ISOMsg("0100");
        m.set(2, pan);
        m.set(3, "000000");
        m.set(4, "000000002000");
        m.set(7, DE7.format(now));
        m.set(11, stan);
        m.set(12, DateTimeFormatter.ofPattern("HHmmss").withZone(ZoneOffset.UTC).format(now));
        m.set(13, DateTimeFormatter.ofPattern("MMdd").withZone(ZoneOffset.UTC).format(now));
        m.set(14, "3012");
        m.set(18, "5411");
        m.set(22, "051");
        m.set(25, "00");
        m.set(32, "123456");
        m.set(37, "RRN000" + stan);
        m.set(41, "TERM0001");
        m.set(42, String.format("%-15s", "STORE-1"));
        m.set(43, String.format("%-25s%-13s%s", "CORNER SHOP", "SPRINGFIELD", "US"));
        m.set(49, "840");
        return m;
    }

    private static ISOMsg reversalOf(final ISOMsg original, final String mti) throws Exception {
        final ISOMsg reversal = (ISOMsg)original.clone();
        reversal.setMTI(mti);
        reversal.set(7, DE7.format(Instant.now()));
        reversal.set(11, nextStan());
        return reversal;
    }
}
