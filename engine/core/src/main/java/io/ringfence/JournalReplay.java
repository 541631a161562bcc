package io.ringfence;

import io.ringfence.api.Action;
import io.ringfence.api.Fingerprint;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;
import io.ringfence.event.EngineEvent;
import io.ringfence.journal.DecisionJournal;
import io.ringfence.journal.DecisionRecord;
import io.ringfence.journal.JournalException;
import io.ringfence.journal.JournalReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Re-runs an input journal through an {@link OfflineEngine} and, when a decision journal is given, compares each
 * decision with the one recorded, record by record (both are in sequence order). Records of decisions a stand-in
 * answered, and of answers callers gave without the engine, are counted but not compared.
 */
public final class JournalReplay {
    /** Differences described in full; the rest are counted. */
    public static final int MAX_DESCRIBED_DIFFERENCES = 10;

    /**
     * What a replay found.
     *
     * @param replayed         input events applied
     * @param nanos            time spent replaying
     * @param stateDigest      the engine's state digest at the end
     * @param compared         decisions compared with the decision journal
     * @param differences      of which differed in action, code, score or reasons
     * @param described        the first {@value #MAX_DESCRIBED_DIFFERENCES} differences, one line each
     * @param standIns         records of decisions the caller was not told (a stand-in answered it), not compared
     * @param callerAnswers    records of answers callers gave without the engine (stand-ins, malformed requests)
     * @param withoutDecision  input events without a decision record
     * @param withoutInput     decision records without an input event
     */
    public record Result(long replayed, long nanos, long stateDigest, long compared, long differences,
                         List<String> described, long standIns, long callerAnswers, long withoutDecision,
                         long withoutInput) {
        public double eventsPerSecond() {
            return replayed * 1e9 / Math.max(nanos, 1);
        }
    }

    private JournalReplay() {
    }

    /**
     * Replays {@code input} through {@code engine}, comparing with {@code decisions} unless it is null.
     *
     * @throws JournalException when a journal cannot be read
     */
    public static Result run(final OfflineEngine engine, final Path input, final Path decisions) {
        final Comparison comparison = new Comparison();
        final long replayed;
        final long nanos;
        try (JournalReader reader = JournalReader.open(input);
             DecisionJournal.Reader recorded = decisions == null ? null : DecisionJournal.reader(decisions)) {
            comparison.pending = recorded == null ? null : recorded.next();
            final long start = System.nanoTime();
            replayed = reader.replay(-1L, (event, sequence) -> {
                engine.apply(event, sequence);
                if (recorded != null) {
                    comparison.match(event, sequence, recorded);
                }
            });
            nanos = System.nanoTime() - start;
            if (recorded != null) {
                comparison.drain(recorded);
            }
        }
        return new Result(replayed, nanos, engine.stateDigest(), comparison.compared, comparison.differences,
            List.copyOf(comparison.described), comparison.standIns, comparison.callerAnswers,
            comparison.withoutDecision, comparison.withoutInput);
    }

    private static final class Comparison {
        final List<String> described = new ArrayList<>();
        DecisionRecord pending;
        long compared;
        long differences;
        long standIns;
        long callerAnswers;
        long withoutDecision;
        long withoutInput;

        void match(final EngineEvent event, final long sequence, final DecisionJournal.Reader decisions) {
            while (pending != null && pending.sequence() < sequence) {
                if (pending.sequence() < 0) {
                    callerAnswers++;
                } else {
                    withoutInput++;
                }
                pending = decisions.next();
            }
            if (pending == null || pending.sequence() != sequence) {
                withoutDecision++;
                return;
            }
            final DecisionRecord recorded = pending;
            pending = decisions.next();
            if (recorded.standIn()) {
                standIns++;
                return;
            }
            compared++;
            if (recorded.action() != event.action || recorded.responseCode() != event.responseCode
                || recorded.score() != event.score || recorded.reason0() != event.reason0
                || recorded.reason1() != event.reason1 || recorded.reason2() != event.reason2) {
                differences++;
                if (described.size() < MAX_DESCRIBED_DIFFERENCES) {
                    described.add("difference at sequence " + sequence + " (" + event.type + ", fingerprint "
                        + new Fingerprint(recorded.fingerprintHigh(), recorded.fingerprintLow()) + "): journal "
                        + describe(recorded.action(), recorded.responseCode(), recorded.score(), recorded.reason0(),
                        recorded.reason1(), recorded.reason2()) + "; replay " + describe(event.action,
                        event.responseCode, event.score, event.reason0, event.reason1, event.reason2));
                }
            }
        }

        void drain(final DecisionJournal.Reader decisions) {
            while (pending != null) {
                if (pending.sequence() < 0) {
                    callerAnswers++;
                } else {
                    withoutInput++;
                }
                pending = decisions.next();
            }
        }

        private static String describe(final Action action, final ResponseCode code, final int score,
            final ReasonCode reason0, final ReasonCode reason1, final ReasonCode reason2) {
            final List<String> reasons = ReasonCode.listOf(reason0, reason1, reason2).stream().map(Enum::name).toList();
            return Objects.toString(action, "-") + " " + (code == null ? "-" : code.code()) + " score " + score
                + " [" + String.join(",", reasons) + "]";
        }
    }
}
