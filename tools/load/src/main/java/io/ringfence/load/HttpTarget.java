package io.ringfence.load;

import io.ringfence.api.AuthorizationRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Locale;

/**
 * A server's HTTP door: {@code POST /v1/authorizations} over keep-alive connections, one request outstanding on
 * each (HTTP/1.1 without pipelining, as gateways call), non-blocking sockets polled by the agent's thread. A request
 * goes out on a free connection; with none free, {@link #submit} says so and the agent's send lag shows the wait.
 * A 503 (not ready, or the server's in-flight limit) counts as a stand-in: the caller got no decision. No expiry is
 * sent: the synthetic cards expire by their own calendar, and the server checks them against today's.
 */
final class HttpTarget implements LoadTarget {
    private static final int BUFFER_BYTES = 16 * 1024;

    private final String host;
    private final int port;
    private final String apiKey;
    private final Selector selector;
    private final ArrayDeque<Connection> free = new ArrayDeque<>();
    private final StringBuilder body = new StringBuilder(512);
    private final int connections;

    HttpTarget(final String host, final int port, final String apiKey, final int connections) {
        this.host = host;
        this.port = port;
        this.apiKey = apiKey;
        this.connections = connections;
        try {
            selector = Selector.open();
            for (int i = 0; i < connections; i++) {
                free.add(new Connection(open(host, port)));
            }
        } catch (final IOException e) {
            close();
            throw new UncheckedIOException("cannot connect to http://" + host + ':' + port + ": " + e.getMessage(), e);
        }
    }

    private SocketChannel open(final String toHost, final int toPort) throws IOException {
        final SocketChannel channel = SocketChannel.open(new InetSocketAddress(toHost, toPort));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(false);
        return channel;
    }

    @Override
    public boolean submit(final AuthorizationRequest request, final long correlation, final Answers answers) {
        final Connection connection = free.poll();
        if (connection == null) {
            return false;
        }
        final byte[] json = json(request, correlation).getBytes(StandardCharsets.UTF_8);
        final String head = "POST /v1/authorizations HTTP/1.1\r\nHost: " + host + ':' + port
            + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length
            + (apiKey == null ? "" : "\r\nAuthorization: Bearer " + apiKey) + "\r\n\r\n";
        connection.send(head.getBytes(StandardCharsets.US_ASCII), json, correlation);
        return true;
    }

    @Override
    public int poll(final Answers answers) {
        int answered = 0;
        try {
            if (selector.selectNow() == 0) {
                return 0;
            }
            for (final SelectionKey key : selector.selectedKeys()) {
                final Connection connection = (Connection)key.attachment();
                if (connection.read()) {
                    answers.answered(connection.correlation, connection.sentNanos, connection.standIn);
                    free.add(connection);
                    answered++;
                }
            }
            selector.selectedKeys().clear();
        } catch (final IOException e) {
            throw new UncheckedIOException("the HTTP connection failed: " + e.getMessage(), e);
        }
        return answered;
    }

    @Override
    public String describe() {
        return "http://" + host + ':' + port + " (" + connections + " keep-alive connections)";
    }

    @Override
    public void close() {
        if (selector == null) {
            return;
        }
        for (final SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (final IOException e) {
                // Closing at the end of a run: nothing more to do with a connection that will not close.
            }
        }
        try {
            selector.close();
        } catch (final IOException e) {
            // As above.
        }
    }

    private String json(final AuthorizationRequest r, final long correlation) {
        body.setLength(0);
        body.append("{\"request_id\":\"bench-").append(correlation).append('"');
        field("pan", r.pan());
        field("card_reference", r.cardReference());
        body.append(",\"amount_minor\":").append(r.amountMinor());
        field("currency", r.currency());
        field("channel", r.channel() == null ? null : r.channel().name());
        field("entry_mode", r.entryMode() == null ? null : r.entryMode().name().toLowerCase(Locale.ROOT));
        field("merchant_id", r.merchantId());
        field("terminal_id", r.terminalId());
        if (r.mcc() != AuthorizationRequest.NO_MCC) {
            body.append(",\"mcc\":").append(r.mcc());
        }
        field("merchant_country", r.merchantCountry());
        field("card_country", r.cardCountry());
        field("ip", r.ipAddress());
        field("ip_country", r.ipCountry());
        field("device_id", r.deviceId());
        field("email", r.email());
        field("billing_country", r.billingCountry());
        return body.append('}').toString();
    }

    private void field(final String name, final String value) {
        if (value == null) {
            return;
        }
        body.append(",\"").append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                body.append('\\');
            }
            body.append(c);
        }
        body.append('"');
    }

    /** One keep-alive connection and the request outstanding on it. */
    private final class Connection {
        private final SocketChannel channel;
        private final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER_BYTES);
        private final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_BYTES);
        private long correlation;
        private long sentNanos;
        private boolean standIn;

        Connection(final SocketChannel channel) throws IOException {
            this.channel = channel;
            channel.register(selector, SelectionKey.OP_READ, this);
        }

        void send(final byte[] head, final byte[] json, final long requestCorrelation) {
            correlation = requestCorrelation;
            out.clear();
            out.put(head).put(json).flip();
            sentNanos = System.nanoTime();
            try {
                while (out.hasRemaining()) {
                    channel.write(out);
                }
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot send to the HTTP door: " + e.getMessage(), e);
            }
        }

        /** Reads what arrived; true once the whole response is in. */
        boolean read() throws IOException {
            if (channel.read(in) < 0) {
                throw new IOException("the server closed a keep-alive connection");
            }
            final int headEnd = indexOf(in, "\r\n\r\n");
            if (headEnd < 0) {
                return false;
            }
            final String head = ascii(in, 0, headEnd);
            final int length = contentLength(head);
            if (in.position() < headEnd + 4 + length) {
                return false;
            }
            final int status = Integer.parseInt(head.substring(9, 12));
            final String response = ascii(in, headEnd + 4, length);
            if (status != 200 && status != 503) {
                throw new IllegalStateException("the HTTP door answered " + head.substring(9, head.indexOf('\r'))
                    + ": " + response);
            }
            standIn = status == 503 || response.contains("\"stand_in\":true");
            final int consumed = headEnd + 4 + length;
            in.flip().position(consumed);
            in.compact();
            return true;
        }

        private int contentLength(final String head) {
            final String lower = head.toLowerCase(Locale.ROOT);
            final int at = lower.indexOf("content-length:");
            if (at < 0) {
                throw new IllegalStateException("an HTTP response without Content-Length");
            }
            final int end = lower.indexOf('\r', at);
            return Integer.parseInt(head.substring(at + 15, end < 0 ? head.length() : end).strip());
        }
    }

    private static int indexOf(final ByteBuffer buffer, final String marker) {
        final int limit = buffer.position() - marker.length();
        for (int i = 0; i <= limit; i++) {
            boolean match = true;
            for (int j = 0; j < marker.length() && match; j++) {
                match = buffer.get(i + j) == marker.charAt(j);
            }
            if (match) {
                return i;
            }
        }
        return -1;
    }

    private static String ascii(final ByteBuffer buffer, final int from, final int length) {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = buffer.get(from + i);
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
