package io.ringfence.server;

import io.ringfence.server.http.HttpDoor;
import io.ringfence.server.iso8583.Iso8583Door;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM's drain through the HTTP door: a request outstanding when {@link RingfenceServer#drainAndClose()} is
 * called is still answered, and {@code /health/ready} says 503 meanwhile. The admin thread is held by the test, so
 * the request is outstanding for as long as the test needs, whatever the machine's speed. Raw sockets, so each
 * request travels on a connection the test chose.
 */
@Timeout(60)
class HttpDrainIT {
    private static final String KEY = "drain-test-key-0123456789";

    /** One HTTP/1.1 answer read off a socket. */
    private record Answer(int status, Map<String, String> headers, String body) {
    }

    @Test
    void outstandingRequestsAreAnsweredWhileReadySays503() throws Exception {
        final RingfenceServer server = RingfenceServer.start(ServerConfig.builder()
            .isoPort(ServerConfig.DISABLED)
            .httpPort(0)
            .apiKeys(Set.of(KEY))
            .build(), TestEngines.small(),
            Iso8583Door::new, HttpDoor::new);
        final CountDownLatch release = new CountDownLatch(1);
        try (Socket reporter = connect(server); Socket prober = connect(server)) {
            assertEquals(200, exchange(prober, "GET /health/ready HTTP/1.1\r\nHost: x\r\n\r\n").status());

            final CompletableFuture<Object> held = server.context().admin().call(() -> {
                awaitUninterruptibly(release);
                return null;
            });
            final String report = "{\"card_reference\": \"drain-card\", \"kind\": \"issuer_report\"}";
            send(reporter, "POST /v1/fraud-reports HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: " + report.length() + "\r\n\r\n" + report);
            awaitTrue(() -> server.context().admin().outstanding() == 2, "the report waits behind the held call");

            final CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(server::drainAndClose);
            awaitTrue(() -> server.state() == ServerState.DRAINING, "the drain begins");
            final Answer ready = exchange(prober, "GET /health/ready HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(503, ready.status());
            assertTrue(ready.body().contains("\"draining\""), ready.body());
            assertEquals("close", ready.headers().get("connection"));

            release.countDown();
            held.join();
            final Answer reported = read(reporter);
            assertEquals(200, reported.status(), reported.body());
            assertTrue(reported.body().contains("\"APPLIED\""), reported.body());
            assertTrue(drained.join(), "everything outstanding finished within the grace period");
            assertEquals(ServerState.STOPPED, server.state());
        } finally {
            release.countDown();
            server.close();
        }
    }

    private static Socket connect(final RingfenceServer server) throws IOException {
        final Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.httpPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static Answer exchange(final Socket socket, final String request) throws IOException {
        send(socket, request);
        return read(socket);
    }

    private static void send(final Socket socket, final String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Reads one answer: status line, headers, and a body of Content-Length bytes. */
    private static Answer read(final Socket socket) throws IOException {
        final InputStream in = new BufferedInputStream(socket.getInputStream(), 1);
        final String status = line(in);
        final Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            final int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        final byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        return new Answer(Integer.parseInt(status.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(final InputStream in) throws IOException {
        final ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new UncheckedIOException(new IOException("connection closed mid-answer"));
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /** Waits, in a bounded loop, for a condition another thread brings about. */
    private static void awaitTrue(final BooleanSupplier condition, final String what) throws InterruptedException {
        for (int i = 0; i < 20_000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(1);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    private static void awaitUninterruptibly(final CountDownLatch latch) {
        boolean interrupted = false;
        while (latch.getCount() > 0) {
            try {
                latch.await();
            } catch (final InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
