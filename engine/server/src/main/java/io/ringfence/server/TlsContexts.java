package io.ringfence.server;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLException;

/** A door's TLS from PEM files: a certificate chain and its PKCS#8 key, and a client CA for mutual TLS. */
final class TlsContexts {
    private TlsContexts() {
    }

    /**
     * @return null when {@code files} is null (plain text)
     * @throws IllegalArgumentException naming the files when they cannot be read as PEM
     */
    static SslContext forServer(final ServerConfig.TlsFiles files, final String door) {
        if (files == null) {
            return null;
        }
        try {
            final SslContextBuilder builder = SslContextBuilder.forServer(files.certificateChain().toFile(),
                files.privateKey().toFile());
            if (files.clientCa() != null) {
                builder.trustManager(files.clientCa().toFile()).clientAuth(ClientAuth.REQUIRE);
            }
            return builder.build();
        } catch (final SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + door + " door's TLS files cannot be used (certificate "
                + files.certificateChain() + ", key " + files.privateKey()
                + (files.clientCa() == null ? "" : ", client CA " + files.clientCa()) + "): " + e.getMessage(), e);
        }
    }
}
