package io.ringfence.server.http;

import io.ringfence.server.RingfenceServer;
import io.ringfence.server.ServerConfig;
import io.ringfence.server.TestCertificates;
import io.ringfence.server.TestEngines;
import io.ringfence.server.iso8583.Iso8583Door;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The HTTP door over TLS from PEM files: a client trusting the CA is served; a plain-text client is not. */
@Timeout(60)
class HttpTlsIT {
    private static final String KEY = "tls-test-key-0123456789";

    @TempDir
    Path dir;

    @Test
    void servesHttpsWithThePemCertificate() {
        final TestCertificates certificates = TestCertificates.create(dir);
        try (RingfenceServer server = RingfenceServer.start(ServerConfig.builder()
            .isoPort(ServerConfig.DISABLED)
            .httpPort(0)
            .apiKeys(Set.of(KEY))
            .httpTls(new ServerConfig.TlsFiles(certificates.serverCertificate(), certificates.serverKey(), null))
            .build(), TestEngines.small(),
            Iso8583Door::new, HttpDoor::new)) {
            final HttpTestClient https = new HttpTestClient("https", server.httpPort(), KEY,
                certificates.trustingClient(), List.of(HttpDoorIT.VISA_PUBLIC));
            assertEquals(200, https.get("/health/ready").statusCode());
            final HttpResponse<String> decided = https.post("/v1/authorizations",
                HttpDoorIT.cardPresent(HttpDoorIT.VISA_PUBLIC, "tls-1"));
            assertEquals(200, decided.statusCode(), decided.body());
            assertEquals("tls-1", TestJson.parse(decided.body()).get("request_id"));

            final HttpTestClient plain = new HttpTestClient("http", server.httpPort(), KEY, null, List.of());
            assertThrows(UncheckedIOException.class, () -> plain.get("/health/live"));
        }
    }
}
