package io.ringfence.models.training;

import io.ringfence.EngineConfig;
import io.ringfence.OfflineEngine;
import io.ringfence.api.Action;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.CardRef;
import io.ringfence.api.Fingerprint;
import io.ringfence.api.FlagReason;
import io.ringfence.api.FraudReport;
import io.ringfence.api.FraudReportKind;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.StoreCapacities;
import io.ringfence.models.data.CsvReplayReader;
import io.ringfence.models.data.ReplayFormatException;
import io.ringfence.models.data.ReplayRow;
import io.ringfence.scoring.BuiltInPolicyScorer;
import io.ringfence.scoring.Scorer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * Replay mode: the feature rows of a CSV replay file, computed by the engine's own business logic.
 *
 * <p><b>One feature code path.</b> Every authorization goes through an {@link OfflineEngine}: the live engine's
 * ingress and business logic on the calling thread, with the built-in policy scorer and the development fingerprint
 * key of {@link EngineConfig.Builder#developmentFingerprintKey()}. Its features are what the engine computed before
 * it updated its state with the authorization, exactly as live.
 *
 * <p><b>Labels arrive late, as fraud reports.</b> The label column never reaches the features directly: for every
 * fraud row, a {@code REPORT_FRAUD} event (the transaction's card, merchant and terminal, kind
 * {@link FraudReportKind#ISSUER_REPORT}) is scheduled at the transaction time plus the feedback delay, and injected
 * into the stream in time order: before an authorization whose time is at or after the report's, never before.
 * Reports due at the same time go in the order their transactions were read. So merchant and terminal fraud counts,
 * and card flags, use only what would have been known then.
 *
 * <p><b>Cardholders dispute false flags.</b> The engine blocks a flagged card until an analyst clears it, and a replay
 * file has no clears. When the engine flags a card on a payment labelled genuine (a card-not-present decline of the
 * cardholder's own purchase), the cardholder calls and an analyst clears the flag {@link #DISPUTE_DELAY} later, as
 * {@code ringfence demo}'s false-positive story does live; without that, one false decline would block the card for
 * the rest of the file and every later genuine payment would count against whichever scorer raised it. Only a
 * {@code label} of 0 is disputed; an unlabelled payment is not.
 *
 * <p><b>A card with known fraud is reissued.</b> A file's card column often names the customer, not the plastic
 * (the handbook's {@code C596}): after a fraud report the issuer would have reissued the card and the customer pays on
 * with the new one, but the replay sees the same reference, flagged. So a genuine payment refused because its card
 * is flagged, whatever raised the flag, is disputed the same way: the flag is cleared {@link #DISPUTE_DELAY} later
 * (one clear pending per card at a time). Frauds on the card before that are still refused.
 *
 * <p>Rows before {@code from} warm the state and are not emitted; reading stops at the first row at or after
 * {@code to}. The file must be in time order (the replay format's rows are; a row earlier than the one before stops
 * the replay with a {@link ReplayFormatException}). Streams: memory holds the engine's stores and the reports not
 * yet due, never the file. A request the engine refuses (malformed for ingress) is declined without features and is
 * not emitted; {@link Stats#refusals()} counts them by reason and names the first one's line, so a tool can say what
 * it could not use.
 *
 * <p>Deterministic: the same file and arguments give the same rows, byte for byte.
 */
public final class FeatureReplay {
    /** Store capacities for a replay: enough for a few hundred thousand cards without the engine's 1M-card default. */
    public static final int CARD_CAPACITY_DEFAULT = 1 << 20;
    public static final int TOKEN_CAPACITY_DEFAULT = 1024;
    /** From a false flag to the analyst's clear: the cardholder calls about the declined payment the same day. */
    public static final Duration DISPUTE_DELAY = Duration.ofDays(1);

    private final Duration feedbackDelay;
    private final long fromMillis;
    private final long toMillis;
    private final int cardCapacity;

    /**
     * What a replay did; {@code stateDigest} is the engine's {@link OfflineEngine#stateDigest()} at the end, to compare
     * with a live engine's after the same events.
     */
    public record Stats(long rowsRead, long warmUpRows, long emitted, Refusals refusals, long fraudRows,
                        long reportsApplied, long reportsPending, long stateDigest, long flagsDisputed) {
        /** Rows the engine refused, whatever the reason. */
        public long rejected() {
            return refusals.total();
        }
    }

    /**
     * The rows the engine refused at ingress, by reason.
     *
     * @param byReason    how many rows each reason refused, reasons in declaration order
     * @param firstLine   the file line of the first refused row, 0 when none was
     * @param firstReason why that row was refused, null when none was
     */
    public record Refusals(Map<ReasonCode, Long> byReason, long firstLine, ReasonCode firstReason) {
        public Refusals {
            final Map<ReasonCode, Long> copy = new EnumMap<>(ReasonCode.class);
            copy.putAll(byReason);
            byReason = Collections.unmodifiableMap(copy);
        }

        public long total() {
            return byReason.values().stream().mapToLong(Long::longValue).sum();
        }

        /** One line: {@code 3 rows refused by the engine (AMOUNT_NEGATIVE 2, INVALID_PAN 1), the first at line 7 (...)}. */
        public String describe() {
            if (byReason.isEmpty()) {
                return "no rows refused by the engine";
            }
            final StringJoiner counts = new StringJoiner(", ");
            byReason.forEach((reason, count) -> counts.add(reason.name() + " " + count));
            final long total = total();
            return String.format(Locale.ROOT, "%,d row%s refused by the engine (%s), the first at line %d (%s: %s)",
                total, total == 1 ? "" : "s", counts, firstLine, firstReason.name(), firstReason.description());
        }
    }

    /**
     * @param feedbackDelay how long after a fraudulent transaction its report reaches the engine
     * @param fromMillis    first time emitted (earlier rows only warm the state)
     * @param toMillis      end of the replay, exclusive
     */
    public FeatureReplay(final Duration feedbackDelay, final long fromMillis, final long toMillis) {
        this(feedbackDelay, fromMillis, toMillis, CARD_CAPACITY_DEFAULT);
    }

    public FeatureReplay(final Duration feedbackDelay, final long fromMillis, final long toMillis,
                         final int cardCapacity) {
        if (feedbackDelay.isNegative()) {
            throw new IllegalArgumentException("feedback delay must not be negative: " + feedbackDelay);
        }
        if (toMillis < fromMillis) {
            throw new IllegalArgumentException("replay window ends before it starts");
        }
        this.feedbackDelay = feedbackDelay;
        this.fromMillis = fromMillis;
        this.toMillis = toMillis;
        this.cardCapacity = cardCapacity;
    }

    /**
     * The engine a replay runs: built-in policy scorer, default thresholds, the development fingerprint key (replay
     * rows are test data or already pseudonymous), room for {@code cardCapacity} cards.
     */
    public static EngineConfig engineConfig(final int cardCapacity) {
        return engineConfig(cardCapacity, new BuiltInPolicyScorer());
    }

    /** {@link #engineConfig(int)}, scoring with {@code scorer} (a trained model, say) rather than the policy. */
    public static EngineConfig engineConfig(final int cardCapacity, final Scorer scorer) {
        return EngineConfig.builder().developmentFingerprintKey().scorer(() -> scorer)
            .capacities(StoreCapacities.DEFAULT.withCards(cardCapacity).withTokens(TOKEN_CAPACITY_DEFAULT)).build();
    }

    /** What a replay shows: every authorization the engine decided, in file order. */
    public interface Visitor {
        /**
         * Called once, before the first authorization at or after {@code from} (the ones before only warmed the
         * state), for a visitor that changes the engine there (loads rules, say).
         */
        default void windowStarts(final OfflineEngine engine, final long timeMillis) {
        }

        /**
         * @param outcome  the engine's decision, valid until the next event
         * @param inWindow whether the row is at or after {@code from}
         */
        void decided(ReplayRow row, OfflineEngine.Outcome outcome, boolean inWindow);

        /**
         * A fraud report applied (a label arriving after the feedback delay).
         *
         * @param outcome    the engine's answer, valid until the next event
         * @param timeMillis when the report came
         */
        default void reported(final OfflineEngine.Outcome outcome, final long timeMillis) {
        }
    }

    /** A visitor giving {@code sink} the feature row of every authorization decided in the window. */
    public static Visitor rows(final Consumer<FeatureRow> sink) {
        return (row, outcome, inWindow) -> {
            if (inWindow) {
                sink.accept(new FeatureRow(row.id() == null ? "line:" + row.line() : row.id(),
                    outcome.fingerprint().toString(), row.timeMillis(), outcome.features(), row.label(),
                    outcome.action() == null ? 0 : outcome.score()));
            }
        };
    }

    /**
     * Replays {@code file}, giving {@code sink} the row of every authorization in {@code [from, to)}, in file order.
     *
     * @throws ReplayFormatException at a malformed row or a row out of time order
     * @throws IOException           when the file cannot be read
     */
    public Stats run(final Path file, final Consumer<FeatureRow> sink) throws IOException {
        return run(file, OfflineEngine.create(engineConfig(cardCapacity)), rows(sink));
    }

    /**
     * Replays {@code file} through {@code engine} (built with {@link #engineConfig} or a copy of it that names another
     * scorer), showing {@code visitor} every decided authorization before {@code to}, in file order.
     *
     * @throws ReplayFormatException at a malformed row or a row out of time order
     * @throws IOException           when the file cannot be read
     */
    public Stats run(final Path file, final OfflineEngine engine, final Visitor visitor) throws IOException {
        final PriorityQueue<PendingEvent> pending = new PriorityQueue<>(
            Comparator.comparingLong(PendingEvent::timeMillis).thenComparingLong(PendingEvent::order));
        final long disputeMillis = DISPUTE_DELAY.toMillis();
        final Set<Fingerprint> disputed = new HashSet<>();
        long disputes = 0;
        final long delayMillis = feedbackDelay.toMillis();
        long order = 0;
        long rows = 0;
        long warmUp = 0;
        long emitted = 0;
        final Map<ReasonCode, Long> refused = new EnumMap<>(ReasonCode.class);
        long firstRefusedLine = 0;
        ReasonCode firstRefusal = null;
        long frauds = 0;
        long reports = 0;
        long lastTime = Long.MIN_VALUE;
        boolean windowStarted = false;
        try (CsvReplayReader reader = CsvReplayReader.open(file)) {
            for (ReplayRow row = reader.next(); row != null; row = reader.next()) {
                final long time = row.timeMillis();
                if (time < lastTime) {
                    throw new ReplayFormatException(file.toString(), row.line(),
                        "rows out of time order: a replay needs them sorted by timestamp");
                }
                lastTime = time;
                if (time >= toMillis) {
                    break;
                }
                rows++;
                while (!pending.isEmpty() && pending.peek().timeMillis() <= time) {
                    final PendingEvent due = pending.poll();
                    final OfflineEngine.Outcome applied = due.applyTo(engine);
                    if (due.fraudReport()) {
                        reports++;
                        visitor.reported(applied, due.timeMillis());
                    } else {
                        disputed.remove(due.fingerprint());
                    }
                }
                if (!windowStarted && time >= fromMillis) {
                    windowStarted = true;
                    visitor.windowStarts(engine, time);
                }
                final AuthorizationRequest request = row.request();
                final OfflineEngine.Outcome outcome = engine.authorize(request);
                final boolean decided = !outcome.refused();
                if (!decided) {
                    refused.merge(outcome.refusal(), 1L, Long::sum);
                    if (firstRefusal == null) {
                        firstRefusal = outcome.refusal();
                        firstRefusedLine = row.line();
                    }
                } else if (time < fromMillis) {
                    warmUp++;
                    visitor.decided(row, outcome, false);
                } else {
                    visitor.decided(row, outcome, true);
                    emitted++;
                }
                if (row.fraud() && decided) {
                    frauds++;
                    pending.add(new PendingEvent(true, time + delayMillis, order++, card(request),
                        request.merchantId(), request.terminalId(), outcome.fingerprint()));
                } else if (row.label() == ReplayRow.Label.GENUINE && decided
                    && (outcome.flagRaised() != FlagReason.NOT_FLAGGED || refusedForAFlag(outcome))
                    && disputed.add(outcome.fingerprint())) {
                    disputes++;
                    pending.add(new PendingEvent(false, time + disputeMillis, order++, card(request),
                        null, null, outcome.fingerprint()));
                }
            }
        }
        final long reportsPending = pending.stream().filter(PendingEvent::fraudReport).count();
        return new Stats(rows, warmUp, emitted, new Refusals(refused, firstRefusedLine, firstRefusal), frauds, reports, reportsPending, engine.stateDigest(),
            disputes);
    }

    /** Declined because the card was already flagged, online or in store. */
    private static boolean refusedForAFlag(final OfflineEngine.Outcome outcome) {
        if (outcome.action() != Action.DECLINE) {
            return false;
        }
        final List<ReasonCode> reasons = outcome.decision().reasons();
        return reasons.contains(ReasonCode.CARD_FLAGGED) || reasons.contains(ReasonCode.CARD_FLAGGED_ONLINE);
    }

    private static CardRef card(final AuthorizationRequest request) {
        return request.pan() != null ? CardRef.pan(request.pan()) : CardRef.reference(request.cardReference());
    }

    /**
     * A control event not yet due: the issuer's fraud report about a fraudulent transaction, or the analyst's clear of
     * a flag the cardholder disputed.
     */
    private record PendingEvent(boolean fraudReport, long timeMillis, long order, CardRef card, String merchantId,
                                String terminalId, Fingerprint fingerprint) {
        OfflineEngine.Outcome applyTo(final OfflineEngine engine) {
            if (fraudReport) {
                return engine.reportFraud(new FraudReport(card, FraudReportKind.ISSUER_REPORT, timeMillis, merchantId,
                    terminalId));
            }
            return engine.clearFlag(card, timeMillis);
        }
    }
}
