package io.ringfence.models.rules;

import io.ringfence.OfflineEngine;
import io.ringfence.api.Action;
import io.ringfence.models.data.MinorUnits;
import io.ringfence.models.data.ReplayRow;
import io.ringfence.models.training.FeatureReplay;
import io.ringfence.models.training.ModelTrainer;
import io.ringfence.rules.Rule;
import io.ringfence.rules.RuleSet;
import io.ringfence.rules.RulesException;
import io.ringfence.scoring.BuiltInPolicyScorer;
import io.ringfence.scoring.Scorer;
import io.ringfence.scoring.ServingModels;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a rules file would have done on history: the CSV replay file runs twice through an {@link OfflineEngine}, as
 * {@link FeatureReplay} runs it for evaluation (history before {@code from} warms the state, labels arrive as fraud
 * reports after the feedback delay, false flags are disputed), once without the rules and once with them put in force
 * at the first payment of the window. The state the rules change (a rule's decline counts as a decline in the card's
 * history) changes later decisions, as it would live.
 *
 * <p>A rule in force "hits" a payment it decided (the first match in action order); a shadow rule hits every payment
 * it matched. Unlabelled payments count as hits, neither fraud nor genuine.
 */
public final class RulesBacktest {
    /**
     * @param rules         the rules file
     * @param data          the CSV replay file, with labels
     * @param from          first day of the window, UTC
     * @param to            the day after the last (exclusive)
     * @param model         the model directory the engine scores with, or null for the built-in policy
     * @param feedbackDelay when fraud reports arrive after the fraud
     */
    public record Request(Path rules, Path data, LocalDate from, LocalDate to, Path model, Duration feedbackDelay) {
    }

    /**
     * One rule's figures over the window; amounts in major units of each payment's currency, summed.
     *
     * @param fraudAmount   the amount of the frauds it hit: caught, for a Block rule
     * @param genuineAmount the amount of the genuine payments it hit: blocked, for a Block rule
     */
    public record RuleFigures(String name, String action, boolean shadow, long hits, long fraudHits,
                              long genuineHits, double fraudAmount, double genuineAmount) {
        /** Fraud hits over labelled hits; NaN without labelled hits. */
        public double precision() {
            final long labelled = fraudHits + genuineHits;
            return labelled == 0 ? Double.NaN : (double)fraudHits / labelled;
        }
    }

    /** Decisions over the window, without and with the rules. */
    public record Overall(long transactions, long frauds, long declinesWithout, long declinesWith,
                          long fraudDeclinedWithout, long fraudDeclinedWith) {
        public double declineRateWithout() {
            return ratio(declinesWithout, transactions);
        }

        public double declineRateWith() {
            return ratio(declinesWith, transactions);
        }

        /** Frauds declined over frauds. */
        public double fraudRecallWithout() {
            return ratio(fraudDeclinedWithout, frauds);
        }

        public double fraudRecallWith() {
            return ratio(fraudDeclinedWith, frauds);
        }
    }

    /** A backtest's figures; {@link #text()} and {@link #json()} are the command's two forms. */
    public record Outcome(Request request, String scorerVersion, List<RuleFigures> rules, Overall overall,
                          double seconds) {
        public String text() {
            final StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "backtest %s to %s (exclusive), scored by %s, fraud reported %s"
                    + " after: %,d payments (%,d fraud), replayed twice in %.1f s%n", request.from(), request.to(),
                scorerVersion, delay(request.feedbackDelay()), overall.transactions(), overall.frauds(), seconds));
            out.append(String.format(Locale.ROOT, "%-28s %-12s %8s %8s %8s %9s %14s %14s%n", "rule", "action", "hits",
                "fraud", "genuine", "precision", "fraud amount", "genuine amount"));
            for (final RuleFigures rule : rules) {
                out.append(String.format(Locale.ROOT, "%-28s %-12s %,8d %,8d %,8d %9s %,14.2f %,14.2f%n", rule.name(),
                    (rule.shadow() ? "shadow " : "") + rule.action(), rule.hits(), rule.fraudHits(),
                    rule.genuineHits(), Double.isNaN(rule.precision()) ? "-"
                        : String.format(Locale.ROOT, "%.3f", rule.precision()), rule.fraudAmount(),
                    rule.genuineAmount()));
            }
            out.append(String.format(Locale.ROOT, "%-28s %12s %12s%n", "overall", "decline rate", "fraud recall"));
            out.append(String.format(Locale.ROOT, "%-28s %11.2f%% %11.2f%%%n", "without rules",
                100 * overall.declineRateWithout(), 100 * overall.fraudRecallWithout()));
            out.append(String.format(Locale.ROOT, "%-28s %11.2f%% %11.2f%%%n", "with rules",
                100 * overall.declineRateWith(), 100 * overall.fraudRecallWith()));
            return out.toString();
        }

        /** One JSON object: {@code rules} (one object per rule, in file order) and {@code overall}. */
        public String json() {
            final StringBuilder json = new StringBuilder("{\"rules\":[");
            for (int i = 0; i < rules.size(); i++) {
                final RuleFigures rule = rules.get(i);
                json.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"name\":\"%s\",\"action\":\"%s\","
                        + "\"shadow\":%b,\"hits\":%d,\"fraud_hits\":%d,\"genuine_hits\":%d,\"precision\":%s,"
                        + "\"fraud_amount_caught\":%.2f,\"genuine_amount_blocked\":%.2f}", rule.name(), rule.action(),
                    rule.shadow(), rule.hits(), rule.fraudHits(), rule.genuineHits(), number(rule.precision()),
                    rule.fraudAmount(), rule.genuineAmount()));
            }
            return json.append(String.format(Locale.ROOT, "],\"overall\":{\"from\":\"%s\",\"to_exclusive\":\"%s\","
                    + "\"scorer_version\":\"%s\",\"transactions\":%d,\"fraud\":%d,\"decline_rate_without_rules\":%s,"
                    + "\"decline_rate_with_rules\":%s,\"fraud_recall_without_rules\":%s,"
                    + "\"fraud_recall_with_rules\":%s}}", request.from(), request.to(), scorerVersion,
                overall.transactions(), overall.frauds(), number(overall.declineRateWithout()),
                number(overall.declineRateWith()), number(overall.fraudRecallWithout()),
                number(overall.fraudRecallWith()))).toString();
        }
    }

    private RulesBacktest() {
    }

    /**
     * @throws RulesRefusedException when the rules file does not compile ({@code FILE:LINE:COL: message})
     * @throws IOException           when the data or the model cannot be read
     */
    public static Outcome run(final Request request) throws RulesRefusedException, IOException {
        RulesCheck.compile(request.rules());
        final Scorer scorer = request.model() == null ? new BuiltInPolicyScorer()
            : ServingModels.read(request.model()).scorer();
        final long fromMillis = ModelTrainer.millis(request.from());
        final long toMillis = ModelTrainer.millis(request.to());
        final long start = System.nanoTime();

        final Tally without = new Tally();
        new FeatureReplay(request.feedbackDelay(), fromMillis, toMillis).run(request.data(), engine(scorer),
            (row, outcome, inWindow) -> {
                if (inWindow) {
                    without.count(row, outcome.action());
                }
            });

        final Tally with = new Tally();
        final RuleCounts counts = new RuleCounts(request.rules());
        new FeatureReplay(request.feedbackDelay(), fromMillis, toMillis).run(request.data(), engine(scorer),
            new FeatureReplay.Visitor() {
                @Override
                public void windowStarts(final OfflineEngine engine, final long timeMillis) {
                    counts.start(engine, timeMillis);
                }

                @Override
                public void decided(final ReplayRow row, final OfflineEngine.Outcome outcome, final boolean inWindow) {
                    if (inWindow) {
                        with.count(row, outcome.action());
                        counts.count(row);
                    }
                }
            });
        final Overall overall = new Overall(with.transactions, with.frauds, without.declines, with.declines,
            without.fraudDeclines, with.fraudDeclines);
        return new Outcome(request, scorer.version(), counts.figures(), overall, (System.nanoTime() - start) / 1e9);
    }

    private static OfflineEngine engine(final Scorer scorer) {
        return OfflineEngine.create(FeatureReplay.engineConfig(FeatureReplay.CARD_CAPACITY_DEFAULT, scorer));
    }

    /** Decisions over the window. */
    private static final class Tally {
        long transactions;
        long frauds;
        long declines;
        long fraudDeclines;

        void count(final ReplayRow row, final Action action) {
            transactions++;
            frauds += row.fraud() ? 1 : 0;
            if (action == Action.DECLINE) {
                declines++;
                fraudDeclines += row.fraud() ? 1 : 0;
            }
        }
    }

    /**
     * Each rule's hits over the window, read from the rules' own counters: a counter that moved with a payment means
     * the rule hit it.
     */
    private static final class RuleCounts {
        private final Path file;
        private RuleSet rules = RuleSet.NONE;
        private long[] seen = new long[0];
        private long[][] counts = new long[0][];
        private double[][] amounts = new double[0][];

        RuleCounts(final Path file) {
            this.file = file;
        }

        void start(final OfflineEngine engine, final long timeMillis) {
            try {
                rules = engine.loadRules(file, timeMillis);
            } catch (final RulesException e) {
                throw new IllegalStateException("rules " + file + " changed during the backtest: " + e.getMessage(), e);
            }
            seen = new long[rules.rules().size()];
            counts = new long[seen.length][3];
            amounts = new double[seen.length][2];
        }

        void count(final ReplayRow row) {
            final List<Rule> all = rules.rules();
            for (int i = 0; i < seen.length; i++) {
                final long hits = all.get(i).hits();
                if (hits != seen[i]) {
                    seen[i] = hits;
                    counts[i][0]++;
                    if (row.label() != ReplayRow.Label.UNKNOWN) {
                        final int side = row.fraud() ? 0 : 1;
                        counts[i][1 + side]++;
                        amounts[i][side] += major(row);
                    }
                }
            }
        }

        List<RuleFigures> figures() {
            final List<RuleFigures> figures = new ArrayList<>();
            final List<Rule> all = rules.rules();
            for (int i = 0; i < seen.length; i++) {
                final Rule rule = all.get(i);
                figures.add(new RuleFigures(rule.name(), rule.action().keyword(), rule.shadow(), counts[i][0],
                    counts[i][1], counts[i][2], amounts[i][0], amounts[i][1]));
            }
            return figures;
        }

        private static double major(final ReplayRow row) {
            final String currency = row.request().currency();
            return row.request().amountMinor() / Math.pow(10, MinorUnits.fractionDigits(currency));
        }
    }

    /** A delay as the command line writes it: 7d, 36h, 90m, 30s. */
    private static String delay(final Duration delay) {
        if (delay.toSeconds() % 86_400 == 0) {
            return delay.toDays() + "d";
        }
        if (delay.toSeconds() % 3_600 == 0) {
            return delay.toHours() + "h";
        }
        return delay.toSeconds() % 60 == 0 ? delay.toMinutes() + "m" : delay.toSeconds() + "s";
    }

    private static double ratio(final long part, final long whole) {
        return whole == 0 ? Double.NaN : (double)part / whole;
    }

    private static String number(final double value) {
        return Double.isNaN(value) ? "null" : String.format(Locale.ROOT, "%.6f", value);
    }
}
