package io.ringfence.load;

import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.Channel;
import io.ringfence.api.EntryMode;
import io.ringfence.server.ServerConfig;
import io.ringfence.server.iso8583.IsoMessageReader;
import io.ringfence.server.iso8583.IsoMessageWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;

/**
 * A server's ISO 8583 door over one connection, as an acquirer link runs (jPOS {@code NACChannel} framing and
 * {@code ISO87BPackager} packing, by the door's own field table): 0100 out, 0110 back, matched on the STAN, many
 * outstanding at once. The socket is non-blocking and read by the agent's thread between sends. No expiry is sent:
 * the synthetic cards expire by their own calendar, and the server checks them against today's. The door answers 91
 * when it gives no decision (engine in-flight limit, draining); those count as stand-ins. A stand-in the engine gives
 * as an approval or decline looks like any answer on this wire: the server's {@code /metrics} counts them.
 */
final class Iso8583Target implements LoadTarget {
    private static final int STANS = 1_000_000;
    private static final int BUFFER_BYTES = 1 << 20;
    private static final DateTimeFormatter TRANSMISSION = DateTimeFormatter.ofPattern("MMddHHmmss", Locale.ROOT)
        .withZone(ZoneOffset.UTC);

    private final String host;
    private final int port;
    private final SocketChannel channel;
    private final IsoMessageWriter writer = new IsoMessageWriter(ServerConfig.IsoWireFormat.BINARY);
    private final IsoMessageReader reader = new IsoMessageReader(ServerConfig.IsoWireFormat.BINARY);
    private final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private final long[] correlationOfStan = new long[STANS];
    private final long[] sentNanosOfStan = new long[STANS];
    private final boolean[] outstanding = new boolean[STANS];
    private final StringBuilder signals = new StringBuilder(128);
    private int nextStan = 1;
    private long nextRrn = 1;

    Iso8583Target(final String host, final int port) {
        this.host = host;
        this.port = port;
        try {
            channel = SocketChannel.open(new InetSocketAddress(host, port));
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot connect to iso8583://" + host + ':' + port + ": " + e.getMessage(),
                e);
        }
    }

    @Override
    public boolean submit(final AuthorizationRequest request, final long correlation, final Answers answers) {
        final int stan = nextStan;
        if (outstanding[stan]) {
            return false;
        }
        nextStan = nextStan % (STANS - 1) + 1;
        writer.clear().mti(100)
            .set(2, request.pan())
            .set(3, "000000")
            .set(4, Long.toString(request.amountMinor()))
            .set(7, TRANSMISSION.format(Instant.now()))
            .set(11, Integer.toString(stan))
            .set(22, posEntryMode(request.channel(), request.entryMode()))
            .set(25, posCondition(request.channel(), request.entryMode()))
            .set(37, Long.toString(nextRrn++))
            .set(42, request.merchantId())
            .set(49, Integer.toString(Currency.getInstance(request.currency()).getNumericCode()));
        if (request.mcc() != AuthorizationRequest.NO_MCC) {
            writer.set(18, Integer.toString(request.mcc()));
        }
        if (request.terminalId() != null) {
            writer.set(41, request.terminalId());
        }
        if (request.merchantCountry() != null) {
            writer.set(43, " ".repeat(38) + request.merchantCountry());
        }
        final String cnp = signals(request);
        if (!cnp.isEmpty()) {
            writer.set(48, cnp);
        }
        correlationOfStan[stan] = correlation;
        outstanding[stan] = true;
        out.clear();
        writer.writeTo(out);
        out.flip();
        sentNanosOfStan[stan] = System.nanoTime();
        try {
            while (out.hasRemaining()) {
                channel.write(out);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot send to the ISO 8583 door: " + e.getMessage(), e);
        }
        return true;
    }

    @Override
    public int poll(final Answers answers) {
        try {
            if (channel.read(in) < 0) {
                throw new IllegalStateException("the ISO 8583 door closed the connection");
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("the ISO 8583 connection failed: " + e.getMessage(), e);
        }
        in.flip();
        int answered = 0;
        while (in.remaining() >= 2) {
            final int length = in.getShort(in.position()) & 0xFFFF;
            if (in.remaining() < 2 + length) {
                break;
            }
            in.position(in.position() + 2);
            reader.read(in, length);
            in.position(in.position() + length);
            final int stan = (int)reader.number(11);
            if (stan > 0 && stan < STANS && outstanding[stan]) {
                outstanding[stan] = false;
                answers.answered(correlationOfStan[stan], sentNanosOfStan[stan], "91".equals(reader.text(39)));
                answered++;
            }
        }
        in.compact();
        return answered;
    }

    @Override
    public String describe() {
        return "iso8583://" + host + ':' + port + " (one connection, BINARY)";
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (final IOException e) {
            // Closing at the end of a run: nothing more to do with a connection that will not close.
        }
    }

    private String signals(final AuthorizationRequest request) {
        signals.setLength(0);
        tag("IP", request.ipAddress());
        tag("IC", request.ipCountry());
        tag("DV", request.deviceId());
        tag("EM", request.email());
        tag("BC", request.billingCountry());
        tag("CC", request.cardCountry());
        return signals.toString();
    }

    private void tag(final String tag, final String value) {
        if (value != null) {
            signals.append(tag).append(String.format(Locale.ROOT, "%03d", value.length())).append(value);
        }
    }

    /**
     * Field 22, by the door's mapping: the entry mode in the first two digits, PIN capability 1; online, a wallet is
     * e-commerce (071 would say contactless, which the door reads as in store). Field 22 cannot say that a PIN or
     * 3-D Secure verified the cardholder, so those go as plain chip and e-commerce.
     */
    private static String posEntryMode(final Channel channel, final EntryMode mode) {
        if (channel == Channel.CNP) {
            return mode == EntryMode.MOTO || mode == EntryMode.MANUAL ? "011" : "811";
        }
        return switch (mode == null ? EntryMode.CHIP : mode) {
            case CHIP, CHIP_AND_PIN -> "051";
            case CONTACTLESS, WALLET -> "071";
            case SWIPE -> "901";
            case MANUAL, MOTO -> "011";
            case ECOMMERCE, ECOMMERCE_3DS -> "811";
        };
    }

    /** Field 25: 59 for e-commerce, 08 for mail or telephone order, else 00. */
    private static String posCondition(final Channel channel, final EntryMode mode) {
        if (channel != Channel.CNP) {
            return "00";
        }
        return mode == EntryMode.MOTO ? "08" : "59";
    }
}
