package io.ringfence.journal;

import io.ringfence.api.JournalConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The explicit repair of a damaged input journal: copies every whole record, in order, up to the first damaged one
 * (a torn tail, a flipped bit) into a new journal directory, with the old header's key and retention marks. The
 * original stays untouched for an operator to keep or discard; nothing is ever repaired automatically. The decision
 * journal, an audit copy, is not carried over: `ringfence replay` recomputes the decisions from the input.
 */
public final class JournalRepair {
    /**
     * What a repair kept.
     *
     * @param copied      records copied
     * @param lastCopied  sequence of the last record copied, or -1
     * @param damage      why reading stopped early, or null when the whole journal was whole
     */
    public record Result(long copied, long lastCopied, String damage) {
    }

    private JournalRepair() {
    }

    /**
     * Copies the whole records of the journal under {@code from} into a new journal under {@code to}.
     *
     * @throws JournalException when {@code from} cannot be opened or {@code to} already holds a journal or cannot be
     *     written
     */
    public static Result copyWholeRecords(final Path from, final Path to) {
        final JournalConfig source = JournalConfig.in(from);
        final JournalConfig target = JournalConfig.in(to);
        if (Files.exists(target.inputDirectory()) || Files.exists(to.resolve(JournalOwnership.HEADER_FILE))) {
            throw new JournalException("repair target " + to + " already holds a journal: give a new directory");
        }
        final Properties header = JournalOwnership.header(from);
        final String keyCheck = header.getProperty("key-check");
        if (keyCheck == null) {
            throw new JournalException("journal " + from + " has no header " + JournalOwnership.HEADER_FILE
                + ": its key cannot be carried over");
        }
        final long[] copied = {0, -1};
        String damage = null;
        try (JournalOwnership ownership = JournalOwnership.take(to, keyCheck);
             JournalReader reader = JournalReader.open(source.inputDirectory());
             ChronicleEventJournal repaired = ChronicleEventJournal.open(target)) {
            final String deletedThrough = header.getProperty("deleted-through");
            if (deletedThrough != null) {
                ownership.recordDeletedThrough(Long.parseLong(deletedThrough));
            }
            try {
                reader.replay(-1L, (event, sequence) -> {
                    repaired.append(event, sequence);
                    copied[0]++;
                    copied[1] = sequence;
                });
            } catch (final JournalException e) {
                damage = e.getMessage();
            }
        }
        return new Result(copied[0], copied[1], damage);
    }
}
