package io.ringfence.server.iso8583;

import io.netty.buffer.Unpooled;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.Channel;
import io.ringfence.api.EntryMode;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IsoRequestsTest {
    private static final long NOW = Instant.parse("2026-12-02T17:00:00Z").toEpochMilli();

    @Test
    void mapsACardPresentAuthorization() throws Exception {
        final AuthorizationRequest request = authorization(NOW, IsoRequestsTest::chipAt);
        assertEquals("TERM0001/000042/000000000042", request.requestId());
        assertEquals(TestPans.VISA, request.pan());
        assertEquals(123_456L, request.amountMinor());
        assertEquals("EUR", request.currency());
        assertEquals(Instant.parse("2026-12-01T10:30:59Z").toEpochMilli(), request.transmissionTimeMillis());
        assertEquals("1225", request.expiry(), "YYMM on the wire, MMYY for the engine");
        assertEquals(5411, request.mcc());
        assertEquals(Channel.CP, request.channel());
        assertEquals(EntryMode.CHIP, request.entryMode());
        assertEquals("TERM0001", request.terminalId());
        assertEquals("MERCHANT-1", request.merchantId());
        assertEquals("FR", request.merchantCountry());
        assertFalse(request.toString().contains(TestPans.VISA));
    }

    @ParameterizedTest
    @CsvSource({
        "051, 00, CP, CHIP",
        "071, 00, CP, CONTACTLESS",
        "911, 00, CP, CONTACTLESS",
        "901, 00, CP, SWIPE",
        "801, 00, CP, SWIPE",
        "012, 00, CNP, MANUAL",
        "012, 59, CNP, ECOMMERCE",
        "001, 59, CNP, ECOMMERCE",
        "810, 00, CNP, ECOMMERCE",
        "100, 00, CNP, ECOMMERCE",
        "012, 08, CNP, MOTO",
    })
    void mapsEntryModeAndChannel(final String de22, final String de25, final Channel channel, final EntryMode mode)
        throws Exception {
        final AuthorizationRequest request = authorization(NOW, m -> {
            chipAt(m);
            m.set(22, de22);
            m.set(25, de25);
        });
        assertEquals(channel, request.channel());
        assertEquals(mode, request.entryMode());
    }

    @Test
    void anUnknownEntryModeIsLeftForTheEngineToRefuse() throws Exception {
        final AuthorizationRequest request = authorization(NOW, m -> {
            chipAt(m);
            m.set(22, "001");
        });
        assertEquals(Channel.CP, request.channel());
        assertEquals(null, request.entryMode());
    }

    @Test
    void readsCardNotPresentSignalsFromField48() throws Exception {
        final AuthorizationRequest request = authorization(NOW, m -> {
            chipAt(m);
            m.set(22, "812");
            m.set(25, "59");
            m.set(48, CnpSignals.entry("IP", "203.0.113.7") + CnpSignals.entry("CC", "US"));
        });
        assertEquals(Channel.CNP, request.channel());
        assertEquals("203.0.113.7", request.ipAddress());
        assertEquals("US", request.cardCountry());
    }

    @Test
    void takesThePanFromTrack2WhenField2IsAbsent() throws Exception {
        final AuthorizationRequest request = authorization(NOW, m -> {
            chipAt(m);
            m.unset(2);
            m.set(35, TestPans.VISA + "=25121010000000000000");
        });
        assertEquals(TestPans.VISA, request.pan());
    }

    @Test
    void readsAnAlpha3CountryAtTheEndOfField43() throws Exception {
        final AuthorizationRequest request = authorization(NOW, m -> {
            chipAt(m);
            m.set(43, String.format("%-22s%-14s %s", "CORNER SHOP", "SPRINGFIELD", "USA"));
        });
        assertEquals("US", request.merchantCountry());
    }

    @ParameterizedTest
    @CsvSource({
        "2027-01-01T00:00:05Z, 1231235959, 2026-12-31T23:59:59Z",
        "2026-12-31T23:59:00Z, 0101000010, 2027-01-01T00:00:10Z",
        "2026-06-15T12:00:00Z, 0615115959, 2026-06-15T11:59:59Z",
        "2028-03-01T00:00:00Z, 0229235959, 2028-02-29T23:59:59Z",
    })
    void infersTheYearOfField7FromTheClock(final String now, final String de7, final String expected)
        throws Exception {
        final AuthorizationRequest request = authorization(Instant.parse(now).toEpochMilli(), m -> {
            chipAt(m);
            m.set(7, de7);
        });
        assertEquals(Instant.parse(expected).toEpochMilli(), request.transmissionTimeMillis());
    }

    @ParameterizedTest
    @CsvSource({"7, 1332103059", "7, 0230103059", "49, 999", "49, 0A0", "42, ", "11, "})
    void refusesWhatItCannotTranslate(final int field, final String value) {
        final IsoFormatException failure = assertThrows(IsoFormatException.class,
            () -> authorization(NOW, m -> {
                chipAt(m);
                if (value == null) {
                    m.unset(field);
                } else {
                    m.set(field, value);
                }
            }));
        assertEquals(field, failure.field());
    }

    @Test
    void aReversalNamesItsOriginalByField90ElseByItsOwnStan() throws Exception {
        final IsoRequests requests = new IsoRequests(() -> NOW);
        final ISOMsg reversal = new ISOMsg("0400");
        chipAt(reversal);
        reversal.setMTI("0400");
        reversal.set(11, "000077");
        assertEquals(new IsoRequests.Original("MERCHANT-1", "TERM0001/000077/000000000042",
            Instant.parse("2026-12-01T10:30:59Z").toEpochMilli()), requests.original(decode(reversal)));
        reversal.set(90, "0100" + "000042" + "1201103059" + "00000000000" + "00000000000");
        assertEquals("TERM0001/000042/000000000042", requests.original(decode(reversal)).requestId());
    }

    /** A chip purchase of 1,234.56 EUR at a French store. */
    static void chipAt(final ISOMsg m) {
        try {
            m.setMTI("0100");
            m.set(2, TestPans.VISA);
            m.set(3, "000000");
            m.set(4, "000000123456");
            m.set(7, "1201103059");
            m.set(11, "000042");
            m.set(14, "2512");
            m.set(18, "5411");
            m.set(22, "051");
            m.set(25, "00");
            m.set(37, "000000000042");
            m.set(41, "TERM0001");
            m.set(42, "MERCHANT-1");
            m.set(43, String.format("%-25s%-13s%s", "BOULANGERIE", "PARIS", "FR"));
            m.set(49, "978");
        } catch (final org.jpos.iso.ISOException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Fields {
        void set(ISOMsg message) throws Exception;
    }

    private static AuthorizationRequest authorization(final long now, final Fields fields) throws Exception {
        final ISOMsg message = new ISOMsg();
        fields.set(message);
        return new IsoRequests(() -> now).authorization(decode(message));
    }

    private static IsoMessage decode(final ISOMsg message) throws Exception {
        final byte[] packed = IsoMessageTest.pack(message, true);
        final IsoMessage decoded = new IsoMessage(true);
        decoded.decode(Unpooled.wrappedBuffer(packed), 0, packed.length);
        return decoded;
    }
}
