package io.ringfence.journal;

import io.ringfence.api.JournalConfig;
import io.ringfence.api.StoreCapacities;
import io.ringfence.decision.RiskEngine;
import io.ringfence.event.EngineEvent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Measures input-journal replay: journals N events, then replays them (decode only, then decode plus
 * RiskEngine.apply) and prints events per second. Not a test; run with the test classpath:
 * {@code java @jvm.options -cp engine/target/test-classes:engine/target/classes:$(deps) io.ringfence.journal.ReplayRate 5000000}.
 */
public final class ReplayRate {
    private ReplayRate() {
    }

    public static void main(final String[] args) throws IOException {
        final int count = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        final Path root = Files.createTempDirectory("ringfence-replay-rate");
        try {
            final List<EngineEvent> pool = JournalFixtures.events(JournalFixtures.pans(), 4_096, 99L);
            long writeNanos = System.nanoTime();
            try (ChronicleEventJournal journal = ChronicleEventJournal.open(JournalConfig.in(root))) {
                for (int i = 0; i < count; i++) {
                    final EngineEvent event = pool.get(i & 4_095);
                    event.eventTimeMillis += 1;
                    journal.append(event, i);
                }
            }
            writeNanos = System.nanoTime() - writeNanos;
            System.out.printf("journaled %,d events in %.2f s: %,.0f events/s%n", count, writeNanos / 1e9,
                count / (writeNanos / 1e9));
            try (JournalReader reader = JournalReader.open(root.resolve("input"))) {
                for (int run = 0; run < 5; run++) {
                    final long[] sink = {0};
                    final long start = System.nanoTime();
                    final long replayed = reader.replay(-1L, (event, sequence) ->
                        sink[0] += event.amountMinor ^ event.fingerprintHigh ^ sequence);
                    final long nanos = System.nanoTime() - start;
                    System.out.printf("decode-only replay run %d: %,d events in %.3f s: %,.0f events/s (%d)%n", run,
                        replayed, nanos / 1e9, replayed / (nanos / 1e9), sink[0] & 1);
                }
                for (int run = 0; run < 3; run++) {
                    final RiskEngine engine = new RiskEngine(StoreCapacities.DEFAULT,
                        new io.ringfence.scoring.BuiltInPolicyScorer(),
                        new io.ringfence.decision.DecisionPolicy(io.ringfence.scoring.DecisionThresholds.DEFAULT),
                        new io.ringfence.metrics.EngineCounters());
                    final long start = System.nanoTime();
                    final long replayed = reader.replay(-1L, engine::apply);
                    final long nanos = System.nanoTime() - start;
                    System.out.printf("replay into RiskEngine run %d: %,d events in %.3f s: %,.0f events/s, digest %016x%n",
                        run, replayed, nanos / 1e9, replayed / (nanos / 1e9), engine.stateDigest());
                }
            }
        } finally {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
