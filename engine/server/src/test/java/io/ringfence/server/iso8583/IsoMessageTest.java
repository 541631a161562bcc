package io.ringfence.server.iso8583;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.packager.ISO87APackager;
import org.jpos.iso.packager.ISO87BPackager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The codec against jPOS: messages jPOS's {@code ISO87BPackager} and {@code ISO87APackager} pack are read field by
 * field, and the responses written here are byte for byte what jPOS packs for the same fields.
 */
class IsoMessageTest {
    private static final String PAN_ODD = "123456789012345";
    private static final String TRACK2 = TestPans.VISA + "=25121010000000000000";

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void readsEveryKindOfFieldJposPacks(final boolean binary) throws Exception {
        final ISOMsg request = fullRequest();
        final IsoMessage message = decode(binary, pack(request, binary));

        assertEquals(100, message.mti());
        assertEquals(TestPans.VISA, message.digits(2, false));
        assertEquals(3000L, message.number(3));
        assertEquals(123_456L, message.number(4));
        assertEquals(1_215_103_059L, message.number(7));
        assertEquals(42L, message.number(11));
        assertEquals(2512L, message.number(14));
        assertEquals(5411L, message.number(18));
        assertEquals(51L, message.number(22));
        assertEquals(0L, message.number(25));
        assertEquals(1L, message.number(27));
        assertEquals("12345", message.digits(32, false));
        assertEquals(TestPans.VISA, message.digits(35, true));
        assertEquals("000000000042", message.text(37, true));
        assertEquals("TERM0001", message.text(41, true));
        assertEquals("MERCHANT-1", message.text(42, true));
        assertEquals(40, message.text(43, false).length());
        assertEquals("IP0091.2.3.4.5IC002US", message.text(48, false));
        assertEquals("840", message.text(49, false));
        assertEquals(301L, message.number(70));
        assertEquals(8, message.length(52));
        assertFalse(message.present(5));
        assertTrue(message.present(90));
        assertEquals(100L, message.number(90, 0, 4));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void readsAnOddLengthPanAndTheSecondaryBitmap(final boolean binary) throws Exception {
        final ISOMsg request = new ISOMsg("0800");
        request.set(2, PAN_ODD);
        request.set(7, "0101000000");
        request.set(11, "000001");
        request.set(70, "001");
        final IsoMessage message = decode(binary, pack(request, binary));
        assertEquals(800, message.mti());
        assertEquals(PAN_ODD, message.digits(2, false));
        assertEquals(1L, message.number(70));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void writesWhatJposWouldPackForTheResponse(final boolean binary) throws Exception {
        final ISOMsg request = fullRequest();
        final IsoMessage message = decode(binary, pack(request, binary));
        final IsoResponseWriter.Echo echo = new IsoResponseWriter.Echo();
        echo.capture(message);
        final ByteBuf out = Unpooled.buffer();
        new IsoResponseWriter(binary).write(out, 110, echo, "00", true);

        final byte[] written = new byte[out.readableBytes()];
        out.readBytes(written);
        final ISOMsg response = unpack(binary, written);
        final ISOMsg expected = new ISOMsg("0110");
        for (final int field : new int[] {3, 4, 7, 11, 12, 13, 32, 37, 41, 42, 49, 70}) {
            expected.set(field, request.getString(field));
        }
        expected.set(38, response.getString(38));
        expected.set(39, "00");
        assertArrayEquals(framed(pack(expected, binary), binary), written);
        assertEquals(6, response.getString(38).length());
        assertFalse(response.hasField(2), "a response never carries the card number");
        assertFalse(new String(written, StandardCharsets.ISO_8859_1).contains(TestPans.VISA));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theApprovalCodeIsTheSameForTheSameRequest(final boolean binary) throws Exception {
        final IsoResponseWriter.Echo first = new IsoResponseWriter.Echo();
        first.capture(decode(binary, pack(fullRequest(), binary)));
        final IsoResponseWriter.Echo again = new IsoResponseWriter.Echo();
        again.capture(decode(binary, pack(fullRequest(), binary)));
        assertEquals(first.approvalCode(), again.approvalCode());
        final ISOMsg other = fullRequest();
        other.set(11, "000043");
        final IsoResponseWriter.Echo different = new IsoResponseWriter.Echo();
        different.capture(decode(binary, pack(other, binary)));
        assertTrue(first.approvalCode() != different.approvalCode());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aCutMessageKeepsTheFieldsBeforeTheCut(final boolean binary) throws Exception {
        final byte[] whole = pack(fullRequest(), binary);
        final byte[] cut = Arrays.copyOf(whole, whole.length - 60);
        final IsoMessage message = new IsoMessage(binary);
        final IsoFormatException failure = assertThrows(IsoFormatException.class,
            () -> message.decode(Unpooled.wrappedBuffer(cut), 0, cut.length));
        assertTrue(failure.field() > 11, failure.getMessage());
        assertEquals(100, message.mti());
        assertTrue(message.readable(11));
        assertFalse(message.readable(failure.field()));
        assertFalse(failure.getMessage().contains(TestPans.VISA));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void refusesALengthOverTheFieldsMaximum(final boolean binary) {
        final ByteBuf frame = Unpooled.buffer();
        if (binary) {
            frame.writeShort(0x0100).writeLong(0x4000_0000_0000_0000L).writeByte(0x20).writeZero(10);
        } else {
            frame.writeBytes(("0100" + "4000000000000000" + "20" + "0".repeat(20)).getBytes(StandardCharsets.US_ASCII));
        }
        final IsoMessage message = new IsoMessage(binary);
        final IsoFormatException failure = assertThrows(IsoFormatException.class,
            () -> message.decode(frame, 0, frame.readableBytes()));
        assertEquals(2, failure.field());
        assertEquals(100, message.mti());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aNumberThatIsNotDigitsIsAFormatErrorOfItsField(final boolean binary) throws Exception {
        final ByteBuf frame = Unpooled.buffer();
        if (binary) {
            frame.writeShort(0x0100).writeLong(0x1000_0000_0000_0000L).writeBytes(new byte[] {0, 0, 0, 0, 0, 0x1A});
        } else {
            frame.writeBytes(("0100" + "1000000000000000" + "00000000001A").getBytes(StandardCharsets.US_ASCII));
        }
        final IsoMessage message = new IsoMessage(binary);
        message.decode(frame, 0, frame.readableBytes());
        assertEquals(4, assertThrows(IsoFormatException.class, () -> message.number(4)).field());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void refusesGarbage(final boolean binary) {
        final byte[] garbage = "\u00ff\u00feGARBAGE GARBAGE GARBAGE".getBytes(StandardCharsets.ISO_8859_1);
        final IsoMessage message = new IsoMessage(binary);
        assertThrows(IsoFormatException.class, () -> message.decode(Unpooled.wrappedBuffer(garbage), 0,
            garbage.length));
        assertEquals(-1, message.mti());
        assertFalse(message.readable(11));
    }

    static ISOMsg fullRequest() throws ISOException {
        final ISOMsg m = new ISOMsg("0100");
        m.set(2, TestPans.VISA);
        m.set(3, "003000");
        m.set(4, "000000123456");
        m.set(7, "1215103059");
        m.set(11, "000042");
        m.set(12, "103059");
        m.set(13, "1215");
        m.set(14, "2512");
        m.set(18, "5411");
        m.set(22, "051");
        m.set(25, "00");
        m.set(27, "1");
        m.set(28, "C00000150");
        m.set(32, "12345");
        m.set(35, TRACK2);
        m.set(37, "000000000042");
        m.set(41, "TERM0001");
        m.set(42, "MERCHANT-1");
        m.set(43, String.format("%-25s%-13s%s", "CORNER SHOP", "SPRINGFIELD", "US"));
        m.set(48, "IP0091.2.3.4.5IC002US");
        m.set(49, "840");
        m.set(52, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        m.set(70, "301");
        m.set(90, "0100" + "000041" + "1215103059" + "00000012345" + "00000000000");
        return m;
    }

    static ISOPackager packager(final boolean binary) {
        return binary ? new ISO87BPackager() : new ISO87APackager();
    }

    static byte[] pack(final ISOMsg message, final boolean binary) throws ISOException {
        message.setPackager(packager(binary));
        return message.pack();
    }

    static ISOMsg unpack(final boolean binary, final byte[] framed) throws ISOException {
        final int header = binary ? 2 : 4;
        final ISOMsg message = new ISOMsg();
        message.setPackager(packager(binary));
        message.unpack(Arrays.copyOfRange(framed, header, framed.length));
        return message;
    }

    static byte[] framed(final byte[] packed, final boolean binary) {
        final byte[] header = binary ? new byte[] {(byte)(packed.length >> 8), (byte)packed.length}
            : String.format("%04d", packed.length).getBytes(StandardCharsets.US_ASCII);
        final byte[] framed = new byte[header.length + packed.length];
        System.arraycopy(header, 0, framed, 0, header.length);
        System.arraycopy(packed, 0, framed, header.length, packed.length);
        return framed;
    }

    private static IsoMessage decode(final boolean binary, final byte[] packed) throws IsoFormatException {
        final IsoMessage message = new IsoMessage(binary);
        final ByteBuf buffer = Unpooled.buffer().writeZero(3).writeBytes(packed);
        message.decode(buffer, 3, packed.length);
        return message;
    }
}
