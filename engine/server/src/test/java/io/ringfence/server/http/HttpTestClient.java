package io.ringfence.server.http;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The JDK's HTTP client against a test server, HTTP/1.1 only, checking that no answer ever carries one of the
 * card numbers the test uses (reported by name only, never by number).
 */
final class HttpTestClient {
    private final HttpClient client;
    private final String base;
    private final String apiKey;
    private final List<String> secretPans;

    HttpTestClient(final String scheme, final int port, final String apiKey, final SSLContext tls,
        final List<String> secretPans) {
        final HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10));
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.client = builder.build();
        this.base = scheme + "://127.0.0.1:" + port;
        this.apiKey = apiKey;
        this.secretPans = List.copyOf(secretPans);
    }

    HttpResponse<String> get(final String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), null);
    }

    HttpResponse<String> post(final String path, final String json) {
        return post(path, json, null);
    }

    HttpResponse<String> post(final String path, final String json, final String idempotencyKey) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(json))
            .header("Content-Type", "application/json"), idempotencyKey);
    }

    HttpResponse<String> delete(final String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), null);
    }

    /** Sends with the test's API key, and the idempotency key when not null. */
    HttpResponse<String> send(final HttpRequest.Builder request, final String idempotencyKey) {
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return raw(request.timeout(Duration.ofSeconds(30)).build());
    }

    /** Sends exactly {@code request}. */
    HttpResponse<String> raw(final HttpRequest request) {
        try {
            final HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            for (int i = 0; i < secretPans.size(); i++) {
                assertFalse(response.body().contains(secretPans.get(i)),
                    "test card #" + i + " appears in the answer to " + request.method() + ' ' + request.uri().getPath());
            }
            return response;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String base() {
        return base;
    }
}
