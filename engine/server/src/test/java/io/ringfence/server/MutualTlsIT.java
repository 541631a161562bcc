package io.ringfence.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.ringfence.server.http.HttpDoor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Mutual TLS on the ISO 8583 door's port, from PEM files and a client CA: a client presenting a certificate the CA
 * signed completes the handshake and is heard; one without a certificate is refused. The handshake is the server's,
 * before any door handler, so the door here only echoes.
 */
@Timeout(60)
class MutualTlsIT {
    /** Echoes each byte it reads: proof that the handshake completed and the door was reached. */
    private static final class EchoDoor implements Door {
        @Override
        public String name() {
            return "iso8583";
        }

        @Override
        public void initChannel(final SocketChannel channel) {
            channel.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                @Override
                protected void channelRead0(final ChannelHandlerContext ctx, final ByteBuf bytes) {
                    ctx.writeAndFlush(bytes.retain());
                }
            });
        }
    }

    @TempDir
    Path dir;

    @Test
    void onlyAClientWithACertificateTheCaSignedIsHeard() {
        final TestCertificates certificates = TestCertificates.create(dir);
        try (RingfenceServer server = RingfenceServer.start(ServerConfig.builder()
            .isoPort(0)
            .httpPort(ServerConfig.DISABLED)
            .isoTls(new ServerConfig.TlsFiles(certificates.serverCertificate(), certificates.serverKey(),
                certificates.caCertificate()))
            .build(), TestEngines.small(),
            context -> new EchoDoor(), HttpDoor::new)) {
            assertEquals(42, echo(server.isoPort(), certificates.mutualClient()), "the CA-signed client is heard");
            assertEquals(-1, echo(server.isoPort(), certificates.trustingClient()), "a client without a certificate"
                + " is refused");
        }
    }

    /** Sends one byte over TLS and returns the byte echoed, or -1 when the handshake or the connection failed. */
    private static int echo(final int port, final SSLContext client) {
        try (SSLSocket socket = (SSLSocket)client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
            port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            socket.getOutputStream().write(42);
            socket.getOutputStream().flush();
            return socket.getInputStream().read();
        } catch (final IOException e) {
            return -1;
        }
    }
}
