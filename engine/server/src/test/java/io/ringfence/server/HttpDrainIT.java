package io.ringfence.server;

import io.ringfence.server.http.HttpDoor;
import io.ringfence.server.iso8583.Iso8583Door;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM's drain through the HTTP door: a request outstanding when {@link RingfenceServer#drainAndClose()} is
 * called is still answered, and {@code /health/ready} says 503 meanwhile. The admin thread is held by the test, so
 * the request is outstanding for as long as the test needs, whatever the machine's speed.
 */
@Timeout(60)
class HttpDrainIT {
    private static final String KEY = "drain-test-key-0123456789";

    @Test
    void outstandingRequestsAreAnsweredWhileReadySays503() throws Exception {
        final RingfenceServer server = RingfenceServer.start(ServerConfig.builder()
            .isoPort(ServerConfig.DISABLED)
            .httpPort(0)
            .apiKeys(Set.of(KEY))
            .build(), TestEngines.small(), Iso8583Door::new, HttpDoor::new);
        final CountDownLatch release = new CountDownLatch(1);
        try (RawHttp reporter = new RawHttp(server.httpPort()); RawHttp prober = new RawHttp(server.httpPort())) {
            assertEquals(200, prober.exchange(RawHttp.get("/health/ready")).status());

            final CompletableFuture<Object> held = server.context().admin().call(() -> {
                awaitUninterruptibly(release);
                return null;
            });
            reporter.send(RawHttp.post("/v1/fraud-reports", KEY,
                "{\"card_reference\": \"drain-card\", \"kind\": \"issuer_report\"}"));
            awaitTrue(() -> server.context().admin().outstanding() == 2, "the report waits behind the held call");

            final CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(server::drainAndClose);
            awaitTrue(() -> server.state() == ServerState.DRAINING, "the drain begins");
            final RawHttp.Answer ready = prober.exchange(RawHttp.get("/health/ready"));
            assertEquals(503, ready.status());
            assertTrue(ready.body().contains("\"draining\""), ready.body());
            assertEquals("close", ready.headers().get("connection"));

            release.countDown();
            held.join();
            final RawHttp.Answer reported = reporter.read();
            assertEquals(200, reported.status(), reported.body());
            assertTrue(reported.body().contains("\"APPLIED\""), reported.body());
            assertTrue(drained.join(), "everything outstanding finished within the grace period");
            assertEquals(ServerState.STOPPED, server.state());
        } finally {
            release.countDown();
            server.close();
        }
    }

    /** Waits, in a bounded loop, for a condition another thread brings about. */
    static void awaitTrue(final BooleanSupplier condition, final String what) throws InterruptedException {
        for (int i = 0; i < 20_000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(1);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    static void awaitUninterruptibly(final CountDownLatch latch) {
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
