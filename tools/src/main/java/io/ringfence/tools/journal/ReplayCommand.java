package io.ringfence.tools.journal;

import io.ringfence.api.Action;
import io.ringfence.api.EngineConfig;
import io.ringfence.api.ResponseCode;
import io.ringfence.decision.DecisionPolicy;
import io.ringfence.decision.RiskEngine;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.EventType;
import io.ringfence.journal.DecisionJournal;
import io.ringfence.journal.DecisionRecord;
import io.ringfence.journal.JournalException;
import io.ringfence.journal.JournalReader;
import io.ringfence.metrics.EngineCounters;
import io.ringfence.scoring.BuiltInPolicyScorer;
import io.ringfence.scoring.DecisionThresholds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * {@code ringfence replay}: re-runs the input journal through a fresh engine (the built-in policy scorer and the
 * default thresholds) and compares its decisions with the decision journal, record by record. The base for
 * backtesting.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Re-runs the input journal through a fresh engine and reports events replayed, events per second, the"
            + " resulting state digest, and the decisions that differ from the decision journal (action, response"
            + " code, score and reasons, matched by sequence).",
        "Decision records of stand-in answers are not compared: the engine did not give them."})
public final class ReplayCommand implements Callable<Integer> {
    static final int MAX_PRINTED_DIFFERENCES = 10;
    static final int MAX_CAPACITY = 1 << 28;

    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", required = true,
        description = "Journal root (holding input/ and decisions/), or one input journal directory.")
    private Path dir;

    @Option(names = "--card-capacity", paramLabel = "N", defaultValue = "" + EngineConfig.CARD_CAPACITY_DEFAULT,
        description = "Cards the engine holds (default ${DEFAULT-VALUE}); give the capacity the journal was written"
            + " with, or evictions make decisions differ.")
    private int cardCapacity;

    @Option(names = "--merchant-capacity", paramLabel = "N",
        defaultValue = "" + EngineConfig.MERCHANT_CAPACITY_DEFAULT,
        description = "Merchants the engine holds (default ${DEFAULT-VALUE}).")
    private int merchantCapacity;

    @Option(names = "--terminal-capacity", paramLabel = "N",
        defaultValue = "" + EngineConfig.TERMINAL_CAPACITY_DEFAULT,
        description = "Terminals the engine holds (default ${DEFAULT-VALUE}).")
    private int terminalCapacity;

    @Option(names = "--token-capacity", paramLabel = "N", defaultValue = "" + EngineConfig.TOKEN_CAPACITY_DEFAULT,
        description = "Token links the engine holds (default ${DEFAULT-VALUE}).")
    private int tokenCapacity;

    @Override
    public Integer call() {
        checkCapacity("--card-capacity", cardCapacity);
        checkCapacity("--merchant-capacity", merchantCapacity);
        checkCapacity("--terminal-capacity", terminalCapacity);
        checkCapacity("--token-capacity", tokenCapacity);
        final JournalDirs dirs = JournalDirs.of(dir);
        final PrintWriter out = spec.commandLine().getOut();
        final RiskEngine engine = new RiskEngine(cardCapacity, merchantCapacity, terminalCapacity, tokenCapacity,
            new BuiltInPolicyScorer(), new DecisionPolicy(DecisionThresholds.DEFAULT), new EngineCounters());
        final boolean compare = !dirs.decisions().equals(dirs.input()) && Files.isDirectory(dirs.decisions());
        final Comparison comparison = new Comparison();
        final long replayed;
        final long nanos;
        try (JournalReader reader = JournalReader.open(dirs.input());
             DecisionJournal.Reader decisions = compare ? DecisionJournal.reader(dirs.decisions()) : null) {
            comparison.pending = decisions == null ? null : decisions.next();
            final long start = System.nanoTime();
            replayed = reader.replay(-1L, (event, sequence) -> {
                process(engine, event, sequence);
                if (decisions != null) {
                    comparison.match(event, sequence, decisions);
                }
            });
            nanos = System.nanoTime() - start;
            if (decisions != null) {
                comparison.drain(decisions);
            }
        } catch (final JournalException e) {
            return Failures.report(spec, e);
        }
        final double seconds = Math.max(nanos, 1) / 1e9;
        out.printf("replayed       %,d events from %s in %.3f s: %,.0f events/s%n", replayed, dirs.input(), seconds,
            replayed / seconds);
        out.printf("state digest   %016x%n", engine.stateDigest());
        if (compare) {
            out.printf("decisions      %,d compared with %s: %,d differences%n", comparison.compared,
                dirs.decisions(), comparison.differences);
            if (comparison.standIns + comparison.noDecision + comparison.noInput > 0) {
                out.printf("not compared   %,d stand-in records, %,d events without a decision record,"
                    + " %,d decision records without an input event%n", comparison.standIns, comparison.noDecision,
                    comparison.noInput);
            }
            for (final String difference : comparison.printed) {
                out.println(difference);
            }
            if (comparison.differences > comparison.printed.size()) {
                out.printf("... and %,d more differences%n", comparison.differences - comparison.printed.size());
            }
        } else {
            out.printf("decisions      no decision journal in %s: nothing compared%n", dir);
        }
        out.flush();
        return 0;
    }

    /** As the business-logic stage does: an exception answers an authorization with 96 and replay goes on. */
    private static void process(final RiskEngine engine, final EngineEvent event, final long sequence) {
        try {
            engine.process(event, sequence);
        } catch (final RuntimeException e) {
            event.clearOutcome();
            event.sequence = sequence;
            if (event.type == EventType.AUTHORIZE) {
                event.action = Action.DECLINE;
                event.responseCode = ResponseCode.SYSTEM_MALFUNCTION;
            }
        }
    }

    private void checkCapacity(final String option, final int value) {
        if (value < 1 || value > MAX_CAPACITY) {
            throw new ParameterException(spec.commandLine(), option + " must be between 1 and " + MAX_CAPACITY
                + ", was " + value);
        }
    }

    /** Merges the replay with the decision journal by sequence (both are in sequence order). */
    private static final class Comparison {
        final List<String> printed = new ArrayList<>();
        DecisionRecord pending;
        long compared;
        long differences;
        long standIns;
        long noDecision;
        long noInput;

        void match(final EngineEvent event, final long sequence, final DecisionJournal.Reader decisions) {
            while (pending != null && pending.sequence() < sequence) {
                noInput++;
                pending = decisions.next();
            }
            if (pending == null || pending.sequence() != sequence) {
                noDecision++;
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
                if (printed.size() < MAX_PRINTED_DIFFERENCES) {
                    printed.add("difference at sequence " + sequence + " (" + event.type + ", fingerprint "
                        + Json.fingerprint(recorded.fingerprintHigh(), recorded.fingerprintLow()) + "): journal "
                        + describe(recorded.action(), recorded.responseCode(), recorded.score(), recorded.reason0(),
                        recorded.reason1(), recorded.reason2()) + "; replay " + describe(event.action,
                        event.responseCode, event.score, event.reason0, event.reason1, event.reason2));
                }
            }
        }

        void drain(final DecisionJournal.Reader decisions) {
            while (pending != null) {
                noInput++;
                pending = decisions.next();
            }
        }

        private static String describe(final Action action, final ResponseCode code, final int score,
            final Object reason0, final Object reason1, final Object reason2) {
            final StringBuilder reasons = new StringBuilder();
            for (final Object reason : new Object[] {reason0, reason1, reason2}) {
                if (reason != null) {
                    reasons.append(reasons.length() == 0 ? "" : ",").append(reason);
                }
            }
            return Objects.toString(action, "-") + " " + (code == null ? "-" : code.code()) + " score " + score
                + " [" + reasons + "]";
        }
    }
}
