package io.ringfence.cli;

import io.ringfence.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ringfence serve} as an operator runs it, in a child JVM: secrets from the environment, a journal, HTTP
 * calls from the JDK's client; SIGTERM drains and exits 0, and what was acknowledged survives both a clean stop and a
 * SIGKILL.
 */
@Timeout(180)
class ServeCommandIT {
    private static final String PAN = "4111111111111111";
    private static final String API_KEY = "serve-it-key-0123456789abcdef";
    private static final Pattern HTTP_READY = Pattern.compile("HTTP door ready on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern ISO_READY = Pattern.compile("ISO 8583 door ready on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void aReportedCardStaysRefusedAcrossACleanStopAndAKill() throws Exception {
        final Path journal = dir.resolve("journal");
        final String key = EngineConfig.newFingerprintKeyHex();
        try (Server server = Server.start(key, journal, dir.resolve("log-1"))) {
            assertEquals(200, get(server, "/health/ready").statusCode());
            final HttpResponse<String> report = post(server, "/v1/fraud-reports",
                "{\"pan\":\"" + PAN + "\",\"kind\":\"issuer_report\"}");
            assertEquals(200, report.statusCode(), report.body());
            assertRefused(authorize(server, "tap-1"));
            assertEquals(0, server.terminate(), "SIGTERM drains and exits 0");
            assertTrue(server.output().contains("engine ready"), server.output());
        }
        try (Server server = Server.start(key, journal, dir.resolve("log-2"))) {
            assertRefused(authorize(server, "tap-2"));
            server.kill();
        }
        try (Server server = Server.start(key, journal, dir.resolve("log-3"))) {
            assertRefused(authorize(server, "tap-3"));
            assertEquals(0, server.terminate());
            for (final Path log : List.of(dir.resolve("log-1"), dir.resolve("log-2"), dir.resolve("log-3"))) {
                assertFalse(Files.readString(log).contains(PAN), "the card number in " + log);
            }
            assertFalse(server.output().contains(PAN));
        }
    }

    private static void assertRefused(final HttpResponse<String> tap) {
        assertEquals(200, tap.statusCode(), tap.body());
        assertTrue(tap.body().contains("\"response_code\":\"59\""), tap.body());
        assertFalse(tap.body().contains(PAN), tap.body());
    }

    private HttpResponse<String> authorize(final Server server, final String id) throws Exception {
        return post(server, "/v1/authorizations", "{\"request_id\":\"" + id + "\",\"pan\":\"" + PAN + "\","
            + "\"expiry\":\"1230\",\"amount_minor\":2000,\"currency\":\"USD\",\"channel\":\"CP\","
            + "\"entry_mode\":\"chip\",\"merchant_id\":\"store-1\",\"terminal_id\":\"till-1\",\"mcc\":5411,"
            + "\"merchant_country\":\"US\",\"card_country\":\"US\"}");
    }

    private HttpResponse<String> post(final Server server, final String path, final String json) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + API_KEY).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(final Server server, final String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }

    /** One {@code ringfence serve} child process, its stdout lines collected. */
    private static final class Server implements AutoCloseable {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();
        private int httpPort = -1;

        private Server(final Process process) {
            this.process = process;
            final Thread pump = new Thread(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        lines.add(line);
                    }
                } catch (final IOException e) {
                    lines.add("<stdout failed: " + e.getMessage() + ">");
                }
            }, "serve-it-stdout");
            pump.setDaemon(true);
            pump.start();
        }

        static Server start(final String key, final Path journal, final Path log) throws Exception {
            final String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            final ProcessBuilder builder = new ProcessBuilder(java, "@" + jvmOptions(), "-Xmx512m",
                "-XX:MaxDirectMemorySize=1g", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                RingfenceCli.class.getName(), "serve", "--model", "builtin", "--journal", journal.toString(),
                "--card-capacity", "10000", "--iso8583-port", "0", "--http-port", "0")
                .redirectError(log.toFile());
            builder.environment().put(ServeCommand.KEY_VARIABLE, key);
            builder.environment().put("RINGFENCE_API_KEYS", API_KEY);
            final Server server = new Server(builder.start());
            try {
                server.awaitReady(log);
            } catch (final Exception | AssertionError e) {
                server.close();
                throw e;
            }
            return server;
        }

        private void awaitReady(final Path log) throws Exception {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            boolean iso = false;
            while (httpPort < 0 || !iso) {
                String line = null;
                while (line == null && process.isAlive() && System.nanoTime() - deadline < 0) {
                    line = lines.poll(100, TimeUnit.MILLISECONDS);
                }
                if (line == null) {
                    line = lines.poll();
                }
                assertNotNull(line, () -> "serve did not report both doors ready; stdout " + seen + ", stderr "
                    + readQuietly(log));
                seen.add(line);
                final Matcher http = HTTP_READY.matcher(line);
                if (http.find()) {
                    httpPort = Integer.parseInt(http.group(1));
                }
                iso |= ISO_READY.matcher(line).find();
            }
        }

        URI uri(final String path) {
            return URI.create("http://127.0.0.1:" + httpPort + path);
        }

        String output() {
            lines.drainTo(seen);
            return String.join("\n", seen);
        }

        /** SIGTERM; returns the exit status. */
        int terminate() throws InterruptedException {
            process.destroy();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "serve did not stop within 60 s of SIGTERM");
            return process.exitValue();
        }

        void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(60, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                kill();
            }
        }

        private static String readQuietly(final Path log) {
            try {
                return Files.readString(log);
            } catch (final IOException e) {
                return "(unreadable: " + e.getMessage() + ")";
            }
        }

        private static Path jvmOptions() {
            for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
                if (Files.isRegularFile(at.resolve("jvm.options"))) {
                    return at.resolve("jvm.options");
                }
            }
            throw new IllegalStateException("no jvm.options above " + Path.of("").toAbsolutePath());
        }
    }
}
