package io.ringfence.load;

import java.net.URI;

/** Opens the network target a {@code --target} URI names. */
final class RemoteTargets {
    /** Keep-alive connections to an HTTP door: enough for the rates a two-core server takes, one request on each. */
    static final int HTTP_CONNECTIONS = 32;

    private RemoteTargets() {
    }

    /**
     * @throws IllegalArgumentException when the URI is not {@code iso8583://HOST:PORT} or {@code http://HOST:PORT}
     */
    static LoadTarget connect(final URI target, final String apiKey) {
        if (target.getHost() == null || target.getPort() < 0) {
            throw new IllegalArgumentException("--target " + target + " needs a host and a port");
        }
        return switch (target.getScheme() == null ? "" : target.getScheme()) {
            case "iso8583" -> new Iso8583Target(target.getHost(), target.getPort());
            case "http" -> new HttpTarget(target.getHost(), target.getPort(), apiKey, HTTP_CONNECTIONS);
            default -> throw new IllegalArgumentException("--target " + target
                + ": give iso8583://HOST:PORT or http://HOST:PORT");
        };
    }
}
