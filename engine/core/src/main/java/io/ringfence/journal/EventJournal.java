package io.ringfence.journal;

import io.ringfence.event.EngineEvent;

import java.util.function.LongConsumer;

/**
 * The input journal: every event that can change state (authorizations, rejected ones included, fraud reports,
 * flag clears, token links), in sequence order, as the journal stage saw it. The source of truth: the engine's
 * state is whatever replaying it produces. Holds fingerprints, BIN and last four, never a PAN.
 *
 * <p>Appended to by the journal stage's thread only.
 */
public interface EventJournal extends AutoCloseable {
    /**
     * Appends the request part of {@code event} with its global {@code sequence}.
     *
     * @throws JournalException when the write failed (disk full, directory unwritable, ...)
     */
    void append(EngineEvent event, long sequence);

    /**
     * Makes every append so far as durable as the configured {@code Durability} asks: under {@code POWER_LOSS} a
     * synchronous msync of what was written; otherwise nothing here (the memory-mapped file survives the process, and
     * {@code OS_CRASH_BEST_EFFORT}'s asynchronous syncs are Chronicle's, as each chunk is released). Called once per
     * batch, before the batch's decisions are released: one sync covers the batch (group commit).
     *
     * @return whether a sync was issued
     * @throws JournalException when the sync failed
     */
    boolean sync();

    /** The sequence of the last event in the journal, or -1 when it is empty. */
    long lastSequence();

    /**
     * Retention: deletes journal files whose events a snapshot covers (every sequence at or below
     * {@code snapshotSequence}), beyond those the configuration keeps. {@code beforeDeleting} is told
     * {@code snapshotSequence} before the first file goes, so the deletion can be recorded where recovery will look.
     *
     * @return the number of files deleted
     */
    int deleteCyclesCoveredBy(long snapshotSequence, LongConsumer beforeDeleting);

    @Override
    void close();
}
