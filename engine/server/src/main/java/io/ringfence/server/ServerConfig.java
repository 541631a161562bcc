package io.ringfence.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How {@code ringfence serve} listens: where, which doors, who may call, the limits that keep one bad client from
 * hurting the others. Immutable; build with {@link #builder()}. The engine's own settings stay in
 * {@code EngineConfig}.
 */
public final class ServerConfig {
    /** The port value that keeps a door closed. */
    public static final int DISABLED = -1;

    /** How ISO 8583 messages are framed and packed on the wire. */
    public enum IsoWireFormat {
        /** jPOS {@code NACChannel} + {@code ISO87BPackager}: 2-byte binary length, no TPDU, binary bitmap, BCD numerics. */
        BINARY,
        /** jPOS {@code ASCIIChannel} + {@code ISO87APackager}: 4 ASCII digits of length, hex bitmap, ASCII numerics. */
        ASCII
    }

    private final InetAddress bind;
    private final int isoPort;
    private final int httpPort;
    private final IsoWireFormat isoWireFormat;
    private final Set<String> apiKeys;
    private final boolean insecureNoAuth;
    private final TlsFiles httpTls;
    private final TlsFiles isoTls;
    private final int maxFrameBytes;
    private final int maxBodyBytes;
    private final Duration idleTimeout;
    private final int maxInFlightPerConnection;
    private final int maxInFlight;
    private final Duration drainGrace;
    private final Duration ioSpin;

    private ServerConfig(final Builder b) {
        bind = b.bind;
        isoPort = b.isoPort;
        httpPort = b.httpPort;
        isoWireFormat = b.isoWireFormat;
        apiKeys = Set.copyOf(b.apiKeys);
        insecureNoAuth = b.insecureNoAuth;
        httpTls = b.httpTls;
        isoTls = b.isoTls;
        maxFrameBytes = b.maxFrameBytes;
        maxBodyBytes = b.maxBodyBytes;
        idleTimeout = b.idleTimeout;
        maxInFlightPerConnection = b.maxInFlightPerConnection;
        maxInFlight = b.maxInFlight;
        drainGrace = b.drainGrace;
        ioSpin = b.ioSpin;
        if (httpPort != DISABLED && apiKeys.isEmpty() && !insecureNoAuth) {
            throw new IllegalArgumentException("the HTTP door needs at least one API key (--api-keys FILE or"
                + " RINGFENCE_API_KEYS), or --insecure-no-auth to run it without authentication");
        }
        if (isoPort == DISABLED && httpPort == DISABLED) {
            throw new IllegalArgumentException("both doors are disabled: nothing would listen");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public InetAddress bind() {
        return bind;
    }

    /** The ISO 8583 door's port: 0 for any free port, {@link #DISABLED} for none. */
    public int isoPort() {
        return isoPort;
    }

    /** The HTTP door's port: 0 for any free port, {@link #DISABLED} for none. */
    public int httpPort() {
        return httpPort;
    }

    public IsoWireFormat isoWireFormat() {
        return isoWireFormat;
    }

    /** The keys an HTTP caller may present as {@code Authorization: Bearer KEY}. */
    public Set<String> apiKeys() {
        return apiKeys;
    }

    /** Whether the HTTP door serves {@code /v1} without a key. */
    public boolean insecureNoAuth() {
        return insecureNoAuth;
    }

    /** TLS for the HTTP door, or null for plain text. */
    public TlsFiles httpTls() {
        return httpTls;
    }

    /** TLS for the ISO 8583 door (mutual when it names a client CA), or null for plain text. */
    public TlsFiles isoTls() {
        return isoTls;
    }

    /** The largest ISO 8583 message accepted, in bytes after the length header; a longer frame closes the link. */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** The largest HTTP request body accepted; a larger one is answered 413. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** A connection that sends nothing for this long is closed. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Requests one connection may have outstanding; beyond it the door stops reading that connection. */
    public int maxInFlightPerConnection() {
        return maxInFlightPerConnection;
    }

    /** Requests all connections together may have outstanding in the engine. */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** How long SIGTERM waits for outstanding requests before closing. */
    public Duration drainGrace() {
        return drainGrace;
    }

    /** How long the I/O thread keeps polling without blocking after its last request, before it sleeps in epoll. */
    public Duration ioSpin() {
        return ioSpin;
    }

    @Override
    public String toString() {
        return "ServerConfig{bind=" + bind.getHostAddress() + ", iso8583=" + port(isoPort) + '/' + isoWireFormat
            + (isoTls == null ? "" : isoTls.clientCa() == null ? "/tls" : "/mtls")
            + ", http=" + port(httpPort) + (httpTls == null ? "" : "/tls")
            + ", apiKeys=" + apiKeys.size() + (insecureNoAuth ? " (no auth)" : "")
            + ", maxFrameBytes=" + maxFrameBytes + ", maxBodyBytes=" + maxBodyBytes + ", idleTimeout=" + idleTimeout
            + ", maxInFlightPerConnection=" + maxInFlightPerConnection + ", maxInFlight=" + maxInFlight
            + ", drainGrace=" + drainGrace + ", ioSpin=" + ioSpin + '}';
    }

    private static String port(final int port) {
        return port == DISABLED ? "off" : Integer.toString(port);
    }

    /**
     * PEM files for a TLS door: the certificate chain, its PKCS#8 private key, and optionally the CA whose
     * certificates clients must present (mutual TLS).
     */
    public record TlsFiles(Path certificateChain, Path privateKey, Path clientCa) {
        public TlsFiles {
            Objects.requireNonNull(certificateChain, "certificateChain");
            Objects.requireNonNull(privateKey, "privateKey");
        }
    }

    public static final class Builder {
        private InetAddress bind = loopback();
        private int isoPort = 8583;
        private int httpPort = 8080;
        private IsoWireFormat isoWireFormat = IsoWireFormat.BINARY;
        private Set<String> apiKeys = Set.of();
        private boolean insecureNoAuth;
        private TlsFiles httpTls;
        private TlsFiles isoTls;
        private int maxFrameBytes = 4096;
        private int maxBodyBytes = 16 * 1024;
        private Duration idleTimeout = Duration.ofMinutes(5);
        private int maxInFlightPerConnection = 256;
        private int maxInFlight = 8192;
        private Duration drainGrace = Duration.ofSeconds(10);
        private Duration ioSpin = Duration.ofMillis(10);

        private Builder() {
        }

        public Builder bind(final InetAddress bind) {
            this.bind = Objects.requireNonNull(bind, "bind");
            return this;
        }

        public Builder isoPort(final int isoPort) {
            this.isoPort = port(isoPort, "isoPort");
            return this;
        }

        public Builder httpPort(final int httpPort) {
            this.httpPort = port(httpPort, "httpPort");
            return this;
        }

        public Builder isoWireFormat(final IsoWireFormat isoWireFormat) {
            this.isoWireFormat = Objects.requireNonNull(isoWireFormat, "isoWireFormat");
            return this;
        }

        public Builder apiKeys(final Set<String> apiKeys) {
            this.apiKeys = Set.copyOf(apiKeys);
            return this;
        }

        public Builder insecureNoAuth(final boolean insecureNoAuth) {
            this.insecureNoAuth = insecureNoAuth;
            return this;
        }

        public Builder httpTls(final TlsFiles httpTls) {
            this.httpTls = httpTls;
            return this;
        }

        public Builder isoTls(final TlsFiles isoTls) {
            this.isoTls = isoTls;
            return this;
        }

        public Builder maxFrameBytes(final int maxFrameBytes) {
            this.maxFrameBytes = positive(maxFrameBytes, "maxFrameBytes");
            return this;
        }

        public Builder maxBodyBytes(final int maxBodyBytes) {
            this.maxBodyBytes = positive(maxBodyBytes, "maxBodyBytes");
            return this;
        }

        public Builder idleTimeout(final Duration idleTimeout) {
            this.idleTimeout = positive(idleTimeout, "idleTimeout");
            return this;
        }

        public Builder maxInFlightPerConnection(final int maxInFlightPerConnection) {
            this.maxInFlightPerConnection = positive(maxInFlightPerConnection, "maxInFlightPerConnection");
            return this;
        }

        public Builder maxInFlight(final int maxInFlight) {
            this.maxInFlight = positive(maxInFlight, "maxInFlight");
            return this;
        }

        public Builder drainGrace(final Duration drainGrace) {
            this.drainGrace = Objects.requireNonNull(drainGrace, "drainGrace");
            return this;
        }

        public Builder ioSpin(final Duration ioSpin) {
            this.ioSpin = Objects.requireNonNull(ioSpin, "ioSpin");
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(this);
        }

        private static InetAddress loopback() {
            try {
                return InetAddress.getByName("127.0.0.1");
            } catch (final UnknownHostException e) {
                throw new IllegalStateException("no loopback address", e);
            }
        }

        private static int port(final int port, final String name) {
            if (port != DISABLED && (port < 0 || port > 65_535)) {
                throw new IllegalArgumentException(name + " must be 0 to 65535, or -1 for none; was " + port);
            }
            return port;
        }

        private static int positive(final int value, final String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }

        private static Duration positive(final Duration value, final String name) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
