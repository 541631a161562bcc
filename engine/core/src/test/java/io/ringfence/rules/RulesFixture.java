package io.ringfence.rules;

import io.ringfence.TestCards;
import io.ringfence.TestRequests;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.event.EngineEvent;
import io.ringfence.features.Feature;
import io.ringfence.features.FeatureVector;
import io.ringfence.ingress.CardFingerprinter;
import io.ringfence.ingress.Ingress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** Rules files written to a directory, compiled with the engine's hashes, and payments turned into rule inputs. */
final class RulesFixture {
    static final byte[] KEY = "rules-fixture-secret-key-0123456789".getBytes(StandardCharsets.US_ASCII);

    private final Path directory;
    private final CardFingerprinter fingerprinter = new CardFingerprinter(KEY);
    private final Ingress ingress = new Ingress(fingerprinter, 1_000_000_00L, () -> TestRequests.T0);
    final RulesCompiler compiler = new RulesCompiler(fingerprinter.identifierHash());

    RulesFixture(final Path directory) {
        this.directory = directory;
    }

    Path write(final String name, final String text) {
        try {
            return Files.writeString(directory.resolve(name), text);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RuleSet compile(final String text) throws RulesException {
        return compiler.compile(write("test.rules", text));
    }

    /** The message compiling {@code text} fails with, without the directory. */
    String error(final String text) {
        try {
            compile(text);
        } catch (final RulesException e) {
            return e.getMessage().replace(directory + "/", "");
        }
        throw new AssertionError("compiled: " + text);
    }

    /** An online purchase of 20.00 USD (see {@link TestRequests#cardNotPresent}), changed by {@code change}. */
    RuleInput online(final UnaryOperator<AuthorizationRequest.Builder> change) {
        return input(change.apply(TestRequests.cardNotPresent(TestCards.VISA, TestRequests.T0)).build(),
            new FeatureVector(), 0);
    }

    /** A chip purchase of 20.00 USD in a US store, changed by {@code change}. */
    RuleInput inStore(final UnaryOperator<AuthorizationRequest.Builder> change) {
        return input(change.apply(TestRequests.cardPresent(TestCards.VISA, TestRequests.T0)).build(),
            new FeatureVector(), 0);
    }

    /** A payment as the business logic would present it, features and score included. */
    RuleInput input(final AuthorizationRequest request, final FeatureVector features, final int score) {
        final EngineEvent event = new EngineEvent();
        event.clear();
        ingress.decodeAuthorization(request, event);
        if (event.rejection != null) {
            throw new AssertionError("invalid test request: " + event.rejection);
        }
        event.resolvedFingerprintHigh = event.fingerprintHigh;
        event.resolvedFingerprintLow = event.fingerprintLow;
        features.set(Feature.AMOUNT, request.amountMinor() / 100.0);
        final RuleInput input = new RuleInput();
        input.load(event, features, score);
        return input;
    }

    /** The fingerprint of a card as the engine computes it, as 32 hex digits. */
    String fingerprintHex(final String pan) {
        return ingress.fingerprintOf(pan).toString();
    }
}
