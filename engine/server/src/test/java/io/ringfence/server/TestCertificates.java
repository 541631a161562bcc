package io.ringfence.server;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * Certificates for TLS tests, made fresh for each: a CA, a server certificate for {@code 127.0.0.1} and
 * {@code localhost}, and a client certificate, both signed by the CA; written as PEM files (certificates, and
 * PKCS#8 keys) into a directory, usually a JUnit {@code @TempDir}. The clients' side comes as {@link SSLContext}s.
 * EC P-256 keys, which are quick to make.
 */
public final class TestCertificates {
    private static final char[] NO_PASSWORD = new char[0];

    private final Path caCertificate;
    private final Path serverCertificate;
    private final Path serverKey;
    private final Path clientCertificate;
    private final Path clientKey;
    private final X509Certificate ca;
    private final X509Certificate client;
    private final KeyPair clientKeys;

    private TestCertificates(final Path dir) throws GeneralSecurityException, IOException, OperatorCreationException {
        final KeyPair caKeys = keyPair();
        final X500Name caName = new X500Name("CN=Ringfence Test CA");
        ca = sign(new JcaX509v3CertificateBuilder(caName, serial(1), notBefore(), notAfter(), caName, caKeys.getPublic())
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
            .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)), caKeys);

        final KeyPair serverKeys = keyPair();
        final X509Certificate server = sign(leaf(caName, "CN=localhost", 2, serverKeys, KeyPurposeId.id_kp_serverAuth)
            .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost")})), caKeys);

        clientKeys = keyPair();
        client = sign(leaf(caName, "CN=Ringfence Test Client", 3, clientKeys, KeyPurposeId.id_kp_clientAuth), caKeys);

        caCertificate = pem(dir.resolve("ca.pem"), "CERTIFICATE", ca.getEncoded());
        serverCertificate = pem(dir.resolve("server.pem"), "CERTIFICATE", server.getEncoded());
        serverKey = pem(dir.resolve("server-key.pem"), "PRIVATE KEY", serverKeys.getPrivate().getEncoded());
        clientCertificate = pem(dir.resolve("client.pem"), "CERTIFICATE", client.getEncoded());
        clientKey = pem(dir.resolve("client-key.pem"), "PRIVATE KEY", clientKeys.getPrivate().getEncoded());
    }

    /** Makes the CA and both certificates and writes them into {@code dir}. */
    public static TestCertificates create(final Path dir) {
        try {
            return new TestCertificates(dir);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make test certificates", e);
        }
    }

    public Path caCertificate() {
        return caCertificate;
    }

    public Path serverCertificate() {
        return serverCertificate;
    }

    public Path serverKey() {
        return serverKey;
    }

    public Path clientCertificate() {
        return clientCertificate;
    }

    public Path clientKey() {
        return clientKey;
    }

    /** A client that trusts the test CA and presents no certificate of its own. */
    public SSLContext trustingClient() {
        return context(false);
    }

    /** A client that trusts the test CA and presents the CA-signed client certificate (mutual TLS). */
    public SSLContext mutualClient() {
        return context(true);
    }

    private SSLContext context(final boolean withClientCertificate) {
        try {
            final KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            final TrustManagerFactory trustManagers =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            final SSLContext context = SSLContext.getInstance("TLS");
            if (withClientCertificate) {
                final KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("client", clientKeys.getPrivate(), NO_PASSWORD, new X509Certificate[] {client, ca});
                final KeyManagerFactory keyManagers =
                    KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(keys, NO_PASSWORD);
                context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            } else {
                context.init(null, trustManagers.getTrustManagers(), null);
            }
            return context;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a test TLS client", e);
        }
    }

    private static X509v3CertificateBuilder leaf(final X500Name issuer, final String subject, final int serial,
        final KeyPair keys, final KeyPurposeId purpose) throws CertIOException {
        return new JcaX509v3CertificateBuilder(issuer, serial(serial), notBefore(), notAfter(), new X500Name(subject),
            keys.getPublic())
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
            .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
            .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    }

    private static X509Certificate sign(final X509v3CertificateBuilder builder, final KeyPair issuer)
        throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static BigInteger serial(final int serial) {
        return BigInteger.valueOf(serial);
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofHours(1)));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(Duration.ofDays(2)));
    }

    private static Path pem(final Path file, final String type, final byte[] der) throws IOException {
        final String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n",
            StandardCharsets.US_ASCII);
        return file;
    }
}
