package io.ringfence.journal;

import io.ringfence.api.JournalConfig;
import io.ringfence.decision.RiskEngine;
import io.ringfence.event.EngineEvent;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Not a test: prints bytes allocated per append and per replayed event after warm-up. */
public final class AllocationCheck {
    private AllocationCheck() {
    }

    public static void main(final String[] args) throws Exception {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        final Path root = Files.createTempDirectory("ringfence-alloc");
        final List<EngineEvent> pool = JournalFixtures.events(JournalFixtures.pans(), 1_024, 5L);
        final RiskEngine engine = JournalFixtures.riskEngine();
        for (int i = 0; i < pool.size(); i++) {
            engine.apply(pool.get(i), i);
        }
        final int n = 1_000_000;
        try (ChronicleEventJournal journal = ChronicleEventJournal.open(JournalConfig.in(root));
             DecisionJournal decisions = DecisionJournal.open(JournalConfig.in(root))) {
            for (int round = 0; round < 3; round++) {
                long before = threads.getThreadAllocatedBytes(thread);
                for (int i = 0; i < n; i++) {
                    journal.append(pool.get(i & 1_023), (long)round * n + i);
                }
                long after = threads.getThreadAllocatedBytes(thread);
                System.out.printf("round %d input append: %.3f bytes/event%n", round, (after - before) / (double)n);
                before = threads.getThreadAllocatedBytes(thread);
                for (int i = 0; i < n; i++) {
                    decisions.append(pool.get(i & 1_023), 1_000L, false);
                }
                after = threads.getThreadAllocatedBytes(thread);
                System.out.printf("round %d decision append: %.3f bytes/event%n", round, (after - before) / (double)n);
            }
        }
        try (JournalReader reader = JournalReader.open(root.resolve("input"))) {
            for (int round = 0; round < 3; round++) {
                final long before = threads.getThreadAllocatedBytes(thread);
                final long count = reader.replay(-1L, (event, sequence) -> { });
                final long after = threads.getThreadAllocatedBytes(thread);
                System.out.printf("round %d replay decode: %.3f bytes/event over %d%n", round,
                    (after - before) / (double)count, count);
            }
        } finally {
            try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
