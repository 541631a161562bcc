package io.ringfence.cli;

import io.ringfence.Engine;
import io.ringfence.EngineConfig;
import io.ringfence.server.RingfenceServer;
import io.ringfence.server.ServerConfig;
import io.ringfence.server.http.HttpDoor;
import io.ringfence.server.iso8583.Iso8583Door;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ringfence bench --target}: the open-loop agent against a server on loopback, over each door. Nothing here
 * asserts a time: the engine's deadline is long, so every answer is a decision however slow the machine.
 */
@Timeout(120)
class BenchTargetIT {
    private static final String API_KEY = "bench-target-it-0123456789";

    @TempDir
    Path dir;

    private RingfenceServer server;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        server = RingfenceServer.start(ServerConfig.builder().isoPort(0).httpPort(0).apiKeys(Set.of(API_KEY)).build(),
            () -> Engine.start(EngineConfig.builder().developmentFingerprintKey().cardCapacity(4096)
                .defaultDeadline(Duration.ofSeconds(10)).build()), Iso8583Door::new, HttpDoor::new);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Authorizations the engine took (none refused as malformed: the bench's requests are well formed). */
    private long decided() {
        return server.engine().stats().counter("authorizations.CP") + server.engine().stats().counter("authorizations.CNP");
    }

    private int run(final String... args) {
        return RingfenceCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void loadsTheIso8583DoorOnOneConnectionWithGarbageBesideIt() {
        assertEquals(0, run("bench", "--target", "iso8583://127.0.0.1:" + server.isoPort(), "--rate", "500",
            "--duration", "1s", "--warm-up", "0", "--cards", "1000", "--garbage-frames", "20", "--out",
            dir.resolve("iso").toString()), err.toString());
        final String report = out.toString();
        assertTrue(report.contains("500 sent, all answered"), report);
        assertTrue(report.contains("Stand-ins       0"), report);
        assertTrue(report.contains("iso8583://127.0.0.1:" + server.isoPort() + " (one connection"), report);
        assertTrue(report.contains("Garbage frames  20 bad frames sent"), report);
        assertEquals(500, decided(), () -> "every request was taken: " + server.engine().stats().counters());
    }

    @Test
    void loadsTheHttpDoorWithItsKey() {
        assertEquals(0, run("bench", "--target", "http://127.0.0.1:" + server.httpPort(), "--api-key", API_KEY,
            "--rate", "500", "--duration", "1s", "--warm-up", "0", "--cards", "1000", "--out",
            dir.resolve("http").toString()), err.toString());
        final String report = out.toString();
        assertTrue(report.contains("500 sent, all answered"), report);
        assertTrue(report.contains("Stand-ins       0"), report);
        assertEquals(500, decided(), () -> "every request was taken: " + server.engine().stats().counters());
    }

    @Test
    void aWrongApiKeyFailsWithTheDoorsAnswer() {
        assertEquals(1, run("bench", "--target", "http://127.0.0.1:" + server.httpPort(), "--api-key",
            "not-the-key-0123456789", "--rate", "100", "--duration", "1s", "--warm-up", "0", "--cards", "1000",
            "--out", dir.resolve("denied").toString()));
        assertTrue(err.toString().contains("401"), err.toString());
    }

    @Test
    void engineOptionsDoNotGoWithATarget() {
        assertEquals(2, run("bench", "--target", "http://127.0.0.1:" + server.httpPort(), "--journal",
            dir.resolve("j").toString(), "--rate", "100"));
        assertTrue(err.toString().contains("--journal does not go with --target"), err.toString());
    }
}
