package io.ringfence.snapshot;

import io.ringfence.EngineConfig;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.Channel;
import io.ringfence.api.EntryMode;
import io.ringfence.api.StoreCapacities;
import io.ringfence.decision.DecisionPolicy;
import io.ringfence.decision.RiskEngine;
import io.ringfence.decision.RiskEngineHarness;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.EventType;
import io.ringfence.ingress.CardFingerprinter;
import io.ringfence.ingress.Ingress;
import io.ringfence.metrics.EngineCounters;
import io.ringfence.scoring.BuiltInPolicyScorer;
import io.ringfence.scoring.DecisionThresholds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import static io.ringfence.TestRequests.SECOND;
import static io.ringfence.TestRequests.T0;

/**
 * How long a snapshot of a full card store takes to write and load, and how large it is: a measurement run by
 * hand, not a test. Stores at their default capacities; one authorization per card (opaque card references, no
 * card number).
 *
 * <pre>
 * java @jvm.options -Xmx1g -XX:MaxDirectMemorySize=2g -cp ... io.ringfence.snapshot.SnapshotMeasurement DIR [CARDS]
 * </pre>
 */
public final class SnapshotMeasurement {
    private SnapshotMeasurement() {
    }

    public static void main(final String[] args) throws IOException {
        final Path directory = Path.of(args[0]);
        final int cards = args.length > 1 ? Integer.parseInt(args[1]) : StoreCapacities.CARDS_DEFAULT;
        final RiskEngine original = engine();
        final Ingress ingress = new Ingress(new CardFingerprinter(RiskEngineHarness.KEY),
            EngineConfig.MAX_AMOUNT_MINOR_DEFAULT, () -> T0);
        final EngineEvent event = new EngineEvent();
        long started = System.nanoTime();
        for (int i = 0; i < cards; i++) {
            event.clear();
            event.type = EventType.AUTHORIZE;
            ingress.decodeAuthorization(AuthorizationRequest.builder()
                .cardReference("card-" + i)
                .amountMinor(100 + i % 50_000)
                .currency("USD")
                .channel(i % 2 == 0 ? Channel.CP : Channel.CNP)
                .entryMode(i % 2 == 0 ? EntryMode.CHIP : EntryMode.ECOMMERCE)
                .merchantId("merchant-" + i % 100_000)
                .terminalId(i % 2 == 0 ? "till-" + i % 7 : null)
                .mcc(5411)
                .merchantCountry("US")
                .cardCountry("US")
                .ipCountry(i % 2 == 0 ? null : "US")
                .deviceId(i % 2 == 0 ? null : "device-" + i)
                .transmissionTimeMillis(T0 + i / 20 * SECOND)
                .build(), event);
            original.apply(event, i);
        }
        if (original.cards().size() != cards) {
            throw new IllegalStateException("only " + original.cards().size() + " cards were stored");
        }
        System.out.printf("populated %,d cards in %,d ms%n", cards, millisSince(started));

        final SnapshotStore store = new SnapshotStore(directory);
        for (int round = 1; round <= 3; round++) {
            started = System.nanoTime();
            final Path file = store.write(original, cards - 1L + round);
            System.out.printf("write %d: %,d ms, %,d bytes%n", round, millisSince(started), Files.size(file));
        }
        started = System.nanoTime();
        store.prune(3);
        System.out.printf("prune(3) of 3: %,d ms%n", millisSince(started));
        for (int round = 1; round <= 3; round++) {
            final RiskEngine restored = engine();
            started = System.nanoTime();
            final OptionalLong sequence = store.loadLatest(restored);
            System.out.printf("load %d: %,d ms, sequence %s, digest %s%n", round, millisSince(started), sequence,
                restored.stateDigest() == original.stateDigest() ? "equal" : "DIFFERENT");
        }
        started = System.nanoTime();
        final long digest = original.stateDigest();
        System.out.printf("stateDigest alone: %,d ms (%016x)%n", millisSince(started), digest);
        store.prune(0);
    }

    private static RiskEngine engine() {
        return new RiskEngine(StoreCapacities.DEFAULT, new BuiltInPolicyScorer(),
            new DecisionPolicy(DecisionThresholds.DEFAULT), new EngineCounters());
    }

    private static long millisSince(final long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
