package io.ringfence.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ringfence serve}'s refusals: each is one line naming what is missing, a non-zero exit, and nothing started.
 * The server itself is exercised by {@code ServeCommandIT}.
 */
class ServeCommandTest {
    private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args) {
        return RingfenceCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private Path file(final String name, final String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private void assertOneLineError(final int code, final String expected) {
        assertTrue(code != 0, "exit code " + code);
        final String message = err.toString().strip();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains(expected), message);
    }

    @Test
    void withoutAFingerprintKeyItRefusesToStartAndSaysHowToMakeOne() {
        assertOneLineError(run("serve", "--insecure-no-auth", "--iso8583-port", "0", "--http-port", "0"),
            "no fingerprint key: give --fingerprint-key-file FILE or set RINGFENCE_FINGERPRINT_KEY");
        assertTrue(err.toString().contains("ringfence keygen"), err.toString());
    }

    @Test
    void withoutApiKeysTheHttpDoorRefusesToStartUnlessToldToRunWithoutAuthentication() throws IOException {
        assertOneLineError(run("serve", "--fingerprint-key-file", file("key", KEY).toString(), "--iso8583-port", "0",
            "--http-port", "0"), "the HTTP door needs at least one API key");
    }

    @Test
    void aShortApiKeyIsRefusedWithItsLine() throws IOException {
        final Path keys = file("keys", "# gateway keys\nshort\n");
        assertOneLineError(run("serve", "--fingerprint-key-file", file("key", KEY).toString(), "--api-keys",
            keys.toString()), "keys:2: an API key needs at least 16 characters");
    }

    @Test
    void aFingerprintKeyTooShortIsRefusedWithoutShowingIt() throws IOException {
        final Path key = file("key", "abcd1234");
        assertOneLineError(run("serve", "--fingerprint-key-file", key.toString(), "--insecure-no-auth"),
            "/key does not hold a key");
        assertTrue(!err.toString().contains("abcd1234"), "the key itself is never printed: " + err);
    }

    @Test
    void aConfigFileWithAnUnknownSettingIsRefusedNamingItsLine() throws IOException {
        final Path config = file("serve.properties", "# ports\nhttp-port=0\nhttp-prot=8081\n");
        assertOneLineError(run("serve", "--config", config.toString()),
            "serve.properties:3:1: unknown setting 'http-prot'");
    }

    @Test
    void aConfigFileGivesDefaultsTheCommandLineOverrides() throws IOException {
        final Path config = file("serve.properties", "iso8583-port=-1\nhttp-port=-1\n");
        assertOneLineError(run("serve", "--config", config.toString(), "--fingerprint-key-file",
            file("key", KEY).toString()), "both doors are disabled");
    }

    @Test
    void halfATlsPairIsRefused() throws IOException {
        assertOneLineError(run("serve", "--fingerprint-key-file", file("key", KEY).toString(), "--insecure-no-auth",
            "--http-tls-cert", file("cert.pem", "x").toString()), "--http-tls-cert and --http-tls-key go together");
    }
}
