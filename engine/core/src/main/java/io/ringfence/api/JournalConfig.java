package io.ringfence.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the engine journals. The input journal ({@code directory/input}) is the source of truth: on start
 * the engine rebuilds its state from the newest good snapshot ({@code directory/snapshots}) plus the journal after
 * it. Every decision is also journaled as an audit record ({@code directory/decisions}).
 *
 * @param directory        root directory of the journals and snapshots
 * @param durability       flush policy, see {@link Durability}
 * @param rollCycle        how often journal files roll over
 * @param retainedCycles   journal files kept after they roll; older ones are deleted once a snapshot covers them
 *                         (0 keeps everything)
 * @param snapshotInterval how often to snapshot; {@link Duration#ZERO} for on-demand snapshots only
 * @param maxBatch         events the journal stage takes in one batch at most: under {@link Durability#POWER_LOSS}
 *                         one sync covers a batch (group commit), so this caps how long the first caller of a batch
 *                         waits for the last event's append
 */
public record JournalConfig(Path directory, Durability durability, RollCycle rollCycle, int retainedCycles,
    Duration snapshotInterval, int maxBatch) {
    /** Events per journal batch at most, by default. */
    public static final int MAX_BATCH_DEFAULT = 4_096;

    /** How often journal files roll over. */
    public enum RollCycle {
        HOURLY,
        DAILY
    }

    public JournalConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(rollCycle, "rollCycle");
        Objects.requireNonNull(snapshotInterval, "snapshotInterval");
        if (retainedCycles < 0) {
            throw new IllegalArgumentException("retainedCycles must be 0 or more, was " + retainedCycles);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, was " + maxBatch);
        }
        if (snapshotInterval.isNegative()) {
            throw new IllegalArgumentException("snapshotInterval must not be negative, was " + snapshotInterval);
        }
    }

    /**
     * Journals in {@code directory}: process-crash durability, daily files kept forever, snapshots every 5 minutes,
     * batches of at most {@value #MAX_BATCH_DEFAULT} events.
     */
    public static JournalConfig in(final Path directory) {
        return new JournalConfig(directory, Durability.PROCESS_CRASH, RollCycle.DAILY, 0, Duration.ofMinutes(5),
            MAX_BATCH_DEFAULT);
    }

    public Path inputDirectory() {
        return directory.resolve("input");
    }

    public Path decisionDirectory() {
        return directory.resolve("decisions");
    }

    public Path snapshotDirectory() {
        return directory.resolve("snapshots");
    }

    public JournalConfig withDurability(final Durability value) {
        return new JournalConfig(directory, value, rollCycle, retainedCycles, snapshotInterval, maxBatch);
    }

    public JournalConfig withSnapshotInterval(final Duration value) {
        return new JournalConfig(directory, durability, rollCycle, retainedCycles, value, maxBatch);
    }

    public JournalConfig withRetention(final RollCycle cycle, final int retained) {
        return new JournalConfig(directory, durability, cycle, retained, snapshotInterval, maxBatch);
    }

    public JournalConfig withMaxBatch(final int value) {
        return new JournalConfig(directory, durability, rollCycle, retainedCycles, snapshotInterval, value);
    }
}
