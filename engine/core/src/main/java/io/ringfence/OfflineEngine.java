package io.ringfence;

import io.ringfence.api.Action;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.CardRef;
import io.ringfence.api.Decision;
import io.ringfence.api.Fingerprint;
import io.ringfence.api.FlagReason;
import io.ringfence.api.FraudReport;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;
import io.ringfence.decision.DecisionPolicy;
import io.ringfence.decision.RiskEngine;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.EventType;
import io.ringfence.event.Rejection;
import io.ringfence.ingress.CardFingerprinter;
import io.ringfence.ingress.Ingress;
import io.ringfence.metrics.EngineCounters;
import io.ringfence.rules.RuleSet;
import io.ringfence.rules.RulesCompiler;
import io.ringfence.rules.RulesException;

import java.nio.file.Path;
import java.util.List;

/**
 * The engine without a ring, a journal or threads: the same {@link Ingress} and the same business logic
 * ({@link RiskEngine#apply}, with its one answer for an event that fails), driven by the calling thread one event at a
 * time. For everything that replays history rather than serving callers: journal replay, training, backtests, tests.
 * Given the same events, it reaches the same state and decisions as a live {@code Engine}.
 *
 * <p>Every event needs its own time: an offline engine has no clock, so a request without one is refused with an
 * {@link IllegalArgumentException}. Not thread-safe; one owner.
 */
public final class OfflineEngine {
    private final Ingress ingress;
    private final RiskEngine riskEngine;
    private final RulesCompiler rulesCompiler;
    private final EngineCounters counters = new EngineCounters();
    private final EngineEvent event = new EngineEvent();
    private final Outcome outcome = new Outcome();
    private long nextSequence;

    private OfflineEngine(final EngineConfig config) {
        this.ingress = new Ingress(new CardFingerprinter(config.fingerprintKey()), config.maxAmountMinor(), () -> {
            throw new IllegalArgumentException("an offline event needs its own time: the offline engine has no clock");
        });
        this.riskEngine = new RiskEngine(config.capacities(), config.scorerFactory().get(),
            new DecisionPolicy(config.thresholds()).withIdempotencyWindow(config.idempotencyWindow()), counters);
        this.rulesCompiler = new RulesCompiler(new CardFingerprinter(config.fingerprintKey()).identifierHash());
        riskEngine.rulesCompiler(rulesCompiler);
    }

    /** An offline engine with the stores, scorer, thresholds, fingerprint key and amount limit of {@code config}. */
    public static OfflineEngine create(final EngineConfig config) {
        return new OfflineEngine(config);
    }

    /**
     * Decides one authorization; the outcome is valid until the next call. A malformed request is declined here, as
     * the live engine declines it at ingress, without a sequence and without reaching the business logic.
     */
    public Outcome authorize(final AuthorizationRequest request) {
        stage(EventType.AUTHORIZE);
        ingress.decodeAuthorization(request, event);
        if (event.rejection != null) {
            event.action = Action.DECLINE;
            event.responseCode = event.rejection.responseCode();
            event.reason0 = event.rejection.reason();
            return outcome;
        }
        return applyStaged();
    }

    /** Applies a fraud report; the outcome is valid until the next call. */
    public Outcome reportFraud(final FraudReport report) {
        stage(EventType.REPORT_FRAUD);
        return applyStagedUnlessRefused(ingress.decodeFraudReport(report, event));
    }

    /** Lifts a card's flag as of {@code timeMillis}; the outcome is valid until the next call. */
    public Outcome clearFlag(final CardRef card, final long timeMillis) {
        stage(EventType.CLEAR_FLAG);
        return applyStagedUnlessRefused(ingress.decodeClearFlag(card, timeMillis, event));
    }

    /** Links a token to its card as of {@code timeMillis}; the outcome is valid until the next call. */
    public Outcome linkToken(final CardRef token, final CardRef card, final long timeMillis) {
        stage(EventType.LINK_TOKEN);
        return applyStagedUnlessRefused(ingress.decodeLinkToken(token, card, timeMillis, event));
    }

    /**
     * Compiles the rules file {@code file} and puts it in force from the next event, as {@code Engine.loadRules} does.
     *
     * @return the rules now in force, whose rules count their hits from here
     * @throws RulesException when the file does not compile ({@code FILE:LINE:COL: message}); the rules stay
     */
    public RuleSet loadRules(final Path file, final long timeMillis) throws RulesException {
        final RuleSet compiled = rulesCompiler.compile(file);
        stage(EventType.LOAD_RULES);
        event.eventTimeMillis = timeMillis;
        event.compiledRules = compiled;
        event.rulesPath = compiled.path();
        System.arraycopy(compiled.sha256(), 0, event.rulesSha256, 0, event.rulesSha256.length);
        applyStaged();
        return compiled;
    }

    /**
     * Applies an event already decoded, such as one read back from the input journal, at {@code sequence}; its outcome
     * is written into it. Later events through this engine are numbered after it.
     */
    public void apply(final EngineEvent journaled, final long sequence) {
        riskEngine.apply(journaled, sequence);
        nextSequence = Math.max(nextSequence, sequence + 1);
    }

    /** Digest of all state: equal digests mean equal card, merchant, terminal and token state. */
    public long stateDigest() {
        return riskEngine.stateDigest();
    }

    /** The active scorer's version. */
    public String scorerVersion() {
        return riskEngine.scorerVersion();
    }

    /** The business logic itself, for code that reaches into the state (snapshots, tests). */
    public RiskEngine riskEngine() {
        return riskEngine;
    }

    /** Every distinct error met so far, each once with how often. */
    public List<String> errors() {
        return counters.errors().describe();
    }

    private void stage(final EventType type) {
        event.clear();
        event.type = type;
    }

    private Outcome applyStagedUnlessRefused(final Rejection problem) {
        if (problem != null) {
            event.rejection = problem;
            event.clearOutcome();
            return outcome;
        }
        return applyStaged();
    }

    private Outcome applyStaged() {
        riskEngine.apply(event, nextSequence++);
        return outcome;
    }

    /**
     * What the last event did: a view over the engine's one reusable event, valid until the next call. Reading it
     * allocates only where it returns an object.
     */
    public final class Outcome {
        private Outcome() {
        }

        /** Whether ingress refused the request (malformed) before the business logic saw it. */
        public boolean refused() {
            return event.rejection != null;
        }

        /** Why ingress refused it, as the decision's reason; null when it was not refused. */
        public ReasonCode refusal() {
            return event.rejection == null ? null : event.rejection.reason();
        }

        /** The decision's action; null for a control event. */
        public Action action() {
            return event.action;
        }

        public ResponseCode responseCode() {
            return event.responseCode;
        }

        /** 0..1000. */
        public int score() {
            return event.score;
        }

        /** The flag this event raised on the card, or {@link FlagReason#NOT_FLAGGED}. */
        public FlagReason flagRaised() {
            return event.flagRaised;
        }

        /** Whether a control event changed the state. */
        public boolean applied() {
            return event.applied;
        }

        /** The card's fingerprint as the request carried it. */
        public Fingerprint fingerprint() {
            return new Fingerprint(event.fingerprintHigh, event.fingerprintLow);
        }

        /** The features the business logic computed for the last authorization, before it updated the state. */
        public double[] features() {
            return riskEngine.lastFeatures().toArray();
        }

        /** The analyst's rule that decided the last authorization, or null when none did. */
        public String ruleName() {
            return event.ruleName;
        }

        /** The decision a caller would get for the last authorization. */
        public Decision decision() {
            return new Decision(event.requestId == null ? null : event.requestId.toString(), event.action,
                event.responseCode, event.score, ReasonCode.listOf(event.reason0, event.reason1, event.reason2),
                new Fingerprint(event.resolvedFingerprintHigh, event.resolvedFingerprintLow), 0L, false,
                event.sequence, event.scorerVersion, event.flagRaised, event.ruleName);
        }
    }
}
