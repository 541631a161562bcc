package io.ringfence;

import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.JournalConfig;
import io.ringfence.api.StoreCapacities;
import io.ringfence.decision.DecisionPolicy;
import io.ringfence.decision.RiskEngine;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.EventType;
import io.ringfence.ingress.CardFingerprinter;
import io.ringfence.ingress.Ingress;
import io.ringfence.journal.ChronicleEventJournal;
import io.ringfence.journal.JournalReader;
import io.ringfence.metrics.EngineCounters;
import io.ringfence.scoring.BuiltInPolicyScorer;
import io.ringfence.scoring.DecisionThresholds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static io.ringfence.TestRequests.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Measures journal replay, the recovery rate (goal: a million events a second or more). Not
 * a test: it asserts only that every event came back, and runs only when asked, with
 * {@code -Dringfence.measure=true}:
 *
 * <pre>
 * ./mvnw -q -pl engine/core verify -Dit.test=ReplaySpeedIT -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dringfence.measure=true
 * </pre>
 *
 * Writes {@value #EVENTS} authorizations over {@value #CARDS} cards (decoded by {@link Ingress}, so fingerprinted
 * and validated as in production) straight into a {@link ChronicleEventJournal}, then times, best of
 * {@value #ROUNDS} rounds each: (i) decoding every event with {@link JournalReader} and nothing else, and (ii) the
 * recovery path, every event through {@link RiskEngine#apply} into a fresh engine.
 */
@EnabledIfSystemProperty(named = "ringfence.measure", matches = "true")
class ReplaySpeedIT {
    private static final int EVENTS = Integer.getInteger("ringfence.measure.events", 1_000_000);
    private static final int CARDS = 100_000;
    private static final int CARD_CAPACITY = 262_144;
    private static final int ROUNDS = 3;

    @Test
    void replayRate(@TempDir final Path dir) {
        final JournalConfig config = JournalConfig.in(dir).withSnapshotInterval(Duration.ZERO);
        final EngineEvent[] templates = templates();
        final long writeNanos = write(config, templates);
        report("append (ChronicleEventJournal, PROCESS_CRASH)", EVENTS, writeNanos);

        long bestDecode = Long.MAX_VALUE;
        long bestProcess = Long.MAX_VALUE;
        long digest = 0;
        for (int round = 0; round < ROUNDS; round++) {
            try (JournalReader reader = JournalReader.open(config.inputDirectory())) {
                final long[] sink = new long[1];
                final long start = System.nanoTime();
                final long visited = reader.replay(-1, (event, sequence) -> sink[0] += event.amountMinor + sequence);
                final long nanos = System.nanoTime() - start;
                assertEquals(EVENTS, visited);
                bestDecode = Math.min(bestDecode, nanos);
                report("round " + round + " decode only", visited, nanos);
            }
            final RiskEngine engine = new RiskEngine(StoreCapacities.DEFAULT.withCards(CARD_CAPACITY).withTokens(1024), new BuiltInPolicyScorer(),
                new DecisionPolicy(DecisionThresholds.DEFAULT), new EngineCounters());
            try (JournalReader reader = JournalReader.open(config.inputDirectory())) {
                final long start = System.nanoTime();
                final long visited = reader.replay(-1, engine::apply);
                final long nanos = System.nanoTime() - start;
                assertEquals(EVENTS, visited);
                bestProcess = Math.min(bestProcess, nanos);
                report("round " + round + " decode + RiskEngine.apply", visited, nanos);
            }
            if (round > 0) {
                assertEquals(digest, engine.stateDigest(), "every replay reaches the same state");
            }
            digest = engine.stateDigest();
        }
        report("BEST decode only", EVENTS, bestDecode);
        report("BEST decode + RiskEngine.apply (recovery)", EVENTS, bestProcess);
    }

    /** One decoded request per card: CP and CNP, 200 merchants, 1,000 terminals. */
    private static EngineEvent[] templates() {
        final Ingress ingress = new Ingress(new CardFingerprinter(
            "ringfence-development-key-not-for-real-card-data!".getBytes(StandardCharsets.US_ASCII)),
            EngineConfig.MAX_AMOUNT_MINOR_DEFAULT, () -> T0);
        final EngineEvent[] templates = new EngineEvent[CARDS];
        for (int card = 0; card < CARDS; card++) {
            final String pan = TestCards.pan("455603", card);
            final AuthorizationRequest request = (card % 3 == 0 ? TestRequests.cardNotPresent(pan, T0)
                .merchantId("shop-" + card % 200) : TestRequests.cardPresent(pan, T0).merchantId("store-" + card % 200)
                .terminalId("till-" + card % 1000)).build();
            templates[card] = new EngineEvent();
            templates[card].type = EventType.AUTHORIZE;
            ingress.decodeAuthorization(request, templates[card]);
        }
        return templates;
    }

    /** Appends {@link #EVENTS} events: cards in a scrambled order, 20 events a second, varied amounts and ids. */
    private static long write(final JournalConfig config, final EngineEvent[] templates) {
        final EngineEvent event = new EngineEvent();
        final StringBuilder requestId = new StringBuilder(32);
        final long start = System.nanoTime();
        try (ChronicleEventJournal journal = ChronicleEventJournal.open(config)) {
            for (int i = 0; i < EVENTS; i++) {
                event.copyRequestFrom(templates[(int)((i * 2_654_435_761L) % CARDS)]);
                event.eventTimeMillis = T0 + i * 50L;
                event.amountMinor = 100 + (i * 7919L) % 50_000;
                requestId.setLength(0);
                requestId.append("req-").append(i);
                event.requestId = requestId;
                journal.append(event, i);
            }
        }
        return System.nanoTime() - start;
    }

    private static void report(final String what, final long events, final long nanos) {
        System.out.printf("replay-speed %-48s %,10d events in %7.1f ms: %,12.0f events/s%n", what, events, nanos / 1e6,
            events * 1e9 / nanos);
    }
}
