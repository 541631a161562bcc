package io.ringfence.server;

import io.ringfence.server.http.HttpDoor;
import io.ringfence.server.iso8583.Iso8583Door;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the HTTP door treats connections: not ready while the engine recovers, pipelined requests answered in order,
 * idle connections closed. Raw sockets, so the test controls exactly what each connection carries.
 */
@Timeout(60)
class HttpConnectionIT {
    private static final String KEY = "connection-test-key-0123456789";
    private static final String AUTHORIZATION = "{\"request_id\": \"p-1\", \"card_reference\": \"vault-1\","
        + " \"amount_minor\": 1500, \"channel\": \"CP\", \"entry_mode\": \"chip\", \"merchant_id\": \"store-1\","
        + " \"terminal_id\": \"till-1\", \"mcc\": 5411, \"merchant_country\": \"US\", \"card_country\": \"US\"}";

    private static ServerConfig.Builder config() {
        return ServerConfig.builder().isoPort(ServerConfig.DISABLED).httpPort(0).apiKeys(Set.of(KEY));
    }

    @Test
    void whileTheEngineRecoversV1Is503AndReadyIsNot() throws Exception {
        final int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        final CountDownLatch recovered = new CountDownLatch(1);
        final CompletableFuture<RingfenceServer> starting = CompletableFuture.supplyAsync(() ->
            RingfenceServer.start(config().httpPort(port).build(), () -> {
                HttpDrainIT.awaitUninterruptibly(recovered);
                return TestEngines.small().get();
            }, Iso8583Door::new, HttpDoor::new));
        try (RawHttp http = connect(port)) {
            final RawHttp.Answer ready = http.exchange(RawHttp.get("/health/ready"));
            assertEquals(503, ready.status());
            assertTrue(ready.body().contains("\"starting\""), ready.body());
            assertEquals(200, http.exchange(RawHttp.get("/health/live")).status());
            final RawHttp.Answer authorization = http.exchange(RawHttp.post("/v1/authorizations", KEY, AUTHORIZATION));
            assertEquals(503, authorization.status());
            assertEquals("1", authorization.headers().get("retry-after"));
            assertTrue(authorization.body().contains("\"starting\""), authorization.body());
            assertTrue(http.exchange(RawHttp.get("/metrics")).body().contains("\nringfence_server_ready 0\n"));

            recovered.countDown();
            try (RingfenceServer server = starting.join()) {
                assertEquals(200, http.exchange(RawHttp.get("/health/ready")).status(),
                    "the same connection, kept alive, sees the server ready");
                assertEquals(200, http.exchange(RawHttp.post("/v1/authorizations", KEY, AUTHORIZATION)).status());
                assertEquals(ServerState.READY, server.state());
            }
        } finally {
            recovered.countDown();
            starting.thenAccept(RingfenceServer::close);
        }
    }

    private static RawHttp connect(final int port) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            try {
                return new RawHttp(port);
            } catch (final ConnectException notYet) {
                Thread.sleep(1);
            }
        }
        return new RawHttp(port);
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        try (RingfenceServer server = RingfenceServer.start(config().build(), TestEngines.small(), Iso8583Door::new,
            HttpDoor::new); RawHttp http = new RawHttp(server.httpPort())) {
            http.send(RawHttp.post("/v1/authorizations", KEY, AUTHORIZATION)
                + RawHttp.get("/health/live")
                + RawHttp.post("/v1/fraud-reports", KEY, "{\"card_reference\": \"vault-2\", \"kind\": \"issuer_report\"}")
                + RawHttp.post("/v1/nowhere", KEY, "{}")
                + RawHttp.get("/health/ready"));
            assertTrue(http.read().body().contains("\"request_id\":\"p-1\""));
            assertTrue(http.read().body().contains("\"live\""));
            assertTrue(http.read().body().contains("\"APPLIED\""));
            assertEquals(404, http.read().status());
            assertTrue(http.read().body().contains("\"ready\""));
        }
    }

    @Test
    void anIdleConnectionIsClosedAndCounted() throws IOException {
        try (RingfenceServer server = RingfenceServer.start(config().idleTimeout(Duration.ofMillis(100)).build(),
            TestEngines.small(), Iso8583Door::new, HttpDoor::new)) {
            try (RawHttp idle = new RawHttp(server.httpPort())) {
                assertTrue(idle.closedByServer());
            }
            try (RawHttp http = new RawHttp(server.httpPort())) {
                assertTrue(http.exchange(RawHttp.get("/metrics")).body()
                    .contains("ringfence_door_errors_total{door=\"http\",kind=\"idle_close\"} 1\n"));
            }
        }
    }
}
