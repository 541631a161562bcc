package io.ringfence.server.iso8583;

import io.ringfence.server.ServerConfig;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The client-side writer and reader the network bench uses: byte for byte what jPOS packs, and read back. */
class IsoMessageWriterTest {
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void packsWhatJposPacksForTheSameFields(final boolean binary) throws Exception {
        final ISOMsg jpos = new ISOMsg("0100");
        final IsoMessageWriter writer = new IsoMessageWriter(format(binary)).mti(100);
        final Object[][] fields = {{2, TestPans.VISA}, {3, "000000"}, {4, "000000002000"}, {7, "1202153000"},
            {11, "000042"}, {14, "3012"}, {18, "5411"}, {22, "051"}, {25, "00"}, {32, "12345"},
            {37, "000000000042"}, {41, "TERM0001"}, {42, "STORE-1        "}, {48, "IP0091.2.3.4.5IC002US"},
            {49, "840"}, {90, "010000004212021530000000000000000000000000"}};
        for (final Object[] field : fields) {
            jpos.set((Integer)field[0], (String)field[1]);
            writer.set((Integer)field[0], (String)field[1]);
        }
        final ByteBuffer out = ByteBuffer.allocate(1024);
        final int written = writer.writeTo(out);
        final byte[] ours = Arrays.copyOfRange(out.array(), binary ? 2 : 4, written);

        assertArrayEquals(IsoMessageTest.pack(jpos, binary), ours);
        assertEquals(ours.length, binary ? (out.getShort(0) & 0xFFFF)
            : Integer.parseInt(new String(out.array(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII)));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void readsBackAResponse(final boolean binary) {
        final ByteBuffer out = ByteBuffer.allocate(256);
        final int written = new IsoMessageWriter(format(binary)).mti(110).set(11, "000042").set(39, "59")
            .set(41, "TERM0001").writeTo(out);
        final int header = binary ? 2 : 4;
        final IsoMessageReader reader = new IsoMessageReader(format(binary));
        reader.read(ByteBuffer.wrap(out.array(), header, written - header).slice(), written - header);

        assertEquals(110, reader.mti());
        assertEquals(42, reader.number(11));
        assertEquals("59", reader.text(39));
        assertEquals(null, reader.text(38));
    }

    private static ServerConfig.IsoWireFormat format(final boolean binary) {
        return binary ? ServerConfig.IsoWireFormat.BINARY : ServerConfig.IsoWireFormat.ASCII;
    }
}
