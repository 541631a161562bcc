package io.ringfence.demo;

import io.ringfence.api.Action;
import io.ringfence.api.Channel;
import io.ringfence.api.Decision;
import io.ringfence.api.EngineStats;
import io.ringfence.api.FlagReason;
import io.ringfence.api.JournalConfig;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;
import io.ringfence.synthetic.Country;
import io.ringfence.synthetic.Expectation;
import io.ringfence.synthetic.ScenarioKind;
import io.ringfence.synthetic.SyntheticAuthorization;
import io.ringfence.synthetic.SyntheticCard;
import io.ringfence.synthetic.SyntheticTraffic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Renders a {@link DemoResult} as a summary a person can read. Cards appear as BIN, last four and fingerprint. */
public final class DemoReport {
    private static final int CASES_IN_DETAIL = 3;
    private static final int BLOCKS_LISTED = 30;
    private static final Map<ResponseCode, String> CODE_MEANINGS = Map.ofEntries(
        Map.entry(ResponseCode.APPROVED, "approved (APPROVE, or REVIEW: approved and queued for an analyst)"),
        Map.entry(ResponseCode.DO_NOT_HONOUR, "do not honour: declined on risk score or by a rule"),
        Map.entry(ResponseCode.INVALID_TRANSACTION, "invalid transaction"),
        Map.entry(ResponseCode.INVALID_AMOUNT, "invalid amount"),
        Map.entry(ResponseCode.INVALID_CARD_NUMBER, "invalid card number"),
        Map.entry(ResponseCode.FORMAT_ERROR, "format error"),
        Map.entry(ResponseCode.EXPIRED_CARD, "expired card"),
        Map.entry(ResponseCode.SUSPECTED_FRAUD, "suspected fraud: card flagged, or card testing"),
        Map.entry(ResponseCode.ISSUER_UNAVAILABLE, "issuer unavailable: stand-in decision"),
        Map.entry(ResponseCode.SYSTEM_MALFUNCTION, "system malfunction"),
        Map.entry(ResponseCode.ADDITIONAL_AUTHENTICATION_REQUIRED, "additional authentication required (3-D Secure)"));

    private final DemoResult result;
    private final SyntheticTraffic traffic;
    private final StringBuilder out = new StringBuilder(16 * 1024);

    private DemoReport(final DemoResult result) {
        this.result = result;
        this.traffic = result.traffic();
    }

    public static String render(final DemoResult result) {
        final DemoReport report = new DemoReport(result);
        report.header();
        report.decisions();
        report.flags();
        report.rules();
        report.scenarios();
        report.blocks();
        report.performance();
        return report.out.toString();
    }

    private void header() {
        final var config = traffic.config();
        final var merchants = traffic.population().merchants();
        line("Ringfence demo: one synthetic day, %s (UTC), seed %d", config.firstDay(), config.seed());
        line("  population  %s cards in %d countries; %s merchants, %s terminals", n(config.cards()), Country.HOMES.size(),
            n(merchants.size()), n(merchants.terminalCount()));
        line("  traffic     %s authorizations (CP %s, CNP %s; %s by fraudsters), %s fraud reports, %s flag clear(s)",
            n(traffic.authorizations()), n(traffic.cardPresentAuthorizations()), n(traffic.cardNotPresentAuthorizations()),
            n(traffic.fraudulentAuthorizations()), n(traffic.fraudReports()), n(traffic.flagClears()));
        line("  engine      %s; %s-card history store; ring %s; deadline %d ms, stand-in %s",
            result.stats().scorerVersion(), n(result.engineConfig().capacities().cards()), n(result.engineConfig().ringSize()),
            result.engineConfig().defaultDeadline().toMillis(), result.engineConfig().standInPolicy());
        line("  driven by   %d producer thread(s), up to %d authorizations in flight each; control events in stream order",
            result.options().producers(), result.options().inFlight());
        final JournalConfig journal = result.engineConfig().journal();
        line("  journal     %s", journal == null ? "none (state in memory only; --journal DIR to keep it)"
            : journal.directory() + " (inputs and decisions, " + journal.durability() + "; try 'ringfence journal stats'"
                + " and 'ringfence replay' on it)");
        if (result.options().warmUp()) {
            line("  warm-up     the day was first driven through a scratch engine, since thrown away: the measured"
                + " engine started empty, JIT-compiled");
        }
        line("");
    }

    private void decisions() {
        final DecisionTally tally = result.tally();
        line("Decisions by channel and action");
        final StringBuilder head = new StringBuilder(String.format("  %-8s", "channel"));
        for (final Action action : Action.values()) {
            head.append(String.format("%12s", action));
        }
        line("%s%12s", head, "total");
        for (final Channel channel : Channel.values()) {
            final StringBuilder row = new StringBuilder(String.format("  %-8s", channel));
            for (final Action action : Action.values()) {
                row.append(String.format("%12s", n(tally.count(channel, action))));
            }
            line("%s%12s", row, n(tally.count(channel)));
        }
        final StringBuilder all = new StringBuilder(String.format("  %-8s", "all"));
        for (final Action action : Action.values()) {
            all.append(String.format("%12s", n(tally.count(action))));
        }
        line("%s%12s", all, n(tally.total()));
        line("");
        line("Decisions by response code (ISO 8583 field 39)");
        tally.byCode().forEach((code, count) -> line("  %-3s %10s  %s", code.code(), n(count), CODE_MEANINGS.get(code)));
        line("");
        final EngineStats stats = result.stats();
        line("Stand-in decisions: %s (deadline %s, ring full %s, engine stopped %s); late decisions %s",
            n(tally.standInTotal()), n(stats.counter("standin.deadline")), n(stats.counter("standin.ring-full")),
            n(stats.counter("standin.stopped")), n(stats.counter("decisions.late")));
        final long rejected = stats.counters().entrySet().stream().filter(e -> e.getKey().startsWith("rejections."))
            .mapToLong(Map.Entry::getValue).sum();
        line("Malformed requests declined: %s", n(rejected));
        genuineTraffic();
        line("");
    }

    private void genuineTraffic() {
        long genuine = 0;
        long challenged = 0;
        long reviewed = 0;
        long declined = 0;
        for (final EventOutcome outcome : result.outcomes()) {
            if (outcome.isAuthorization() && !outcome.event().tag().fraud() && !outcome.decision().standIn()) {
                genuine++;
                final Action action = outcome.decision().action();
                challenged += action == Action.CHALLENGE ? 1 : 0;
                reviewed += action == Action.REVIEW ? 1 : 0;
                declined += action == Action.DECLINE ? 1 : 0;
            }
        }
        line("Genuine authorizations decided by the engine: %s; challenged %s (%s), sent to review %s (%s),"
                + " declined %s (%s)", n(genuine),
            n(challenged), pct(challenged, genuine), n(reviewed), pct(reviewed, genuine), n(declined),
            pct(declined, genuine));
    }

    private void flags() {
        final EngineStats stats = result.stats();
        line("Flags (engine counters): raised %s (CNP fraud decline %s, fraud report %s, card testing %s), cleared %s;"
                + " cross-channel blocks %s",
            n(stats.counter("flags.raised.CNP_FRAUD_DECLINE") + stats.counter("flags.raised.FRAUD_REPORT")
                + stats.counter("flags.raised.CARD_TESTING")),
            n(stats.counter("flags.raised.CNP_FRAUD_DECLINE")), n(stats.counter("flags.raised.FRAUD_REPORT")),
            n(stats.counter("flags.raised.CARD_TESTING")), n(stats.counter("flags.cleared")),
            n(stats.counter("flags.blocked.CP")));
        final FlagLedger ledger = result.flags();
        final long raised = ledger.raised().size();
        final long genuineCardPresent = result.genuineCardPresentDecided();
        final int stolen = result.cases(ScenarioKind.STOLEN_CARD).size();
        line("Flag precision: %s of %s flags on cards that had fraud (%s); genuine in-store payments refused for a"
                + " flag: %s of %s (%s; on cards that had no fraud %s, %s); stolen cards refused at the thief's first"
                + " tap: %s of %s",
            n(ledger.raisedOnFraudCards()), n(raised), pct(ledger.raisedOnFraudCards(), raised),
            n(ledger.genuineBlocks()), n(genuineCardPresent), finePct(ledger.genuineBlocks(), genuineCardPresent),
            n(ledger.falseFlagBlocks()), finePct(ledger.falseFlagBlocks(), genuineCardPresent),
            n(result.stolenCardsRefusedAtFirstTap()), n(stolen));
        line("");
    }

    /** Each rule's hits, when rules were in force: payments it decided, or for a shadow rule, payments it matched. */
    private void rules() {
        final Map<String, Long> counters = result.stats().counters();
        final List<String> labels = counters.keySet().stream().filter(label -> label.startsWith("rules.")).sorted()
            .toList();
        if (labels.isEmpty()) {
            return;
        }
        line("Rules (%s): payments each rule decided; for shadow rules, payments they matched",
            result.options().rules());
        for (final String label : labels) {
            final boolean shadow = label.startsWith("rules.shadow.");
            line("  %-32s %10s%s", label.substring(shadow ? "rules.shadow.".length() : "rules.hits.".length()),
                n(counters.get(label)), shadow ? "  (shadow)" : "");
        }
        line("");
    }

    private void scenarios() {
        line("Scenarios");
        for (final ScenarioKind kind : ScenarioKind.values()) {
            final List<ScenarioCase> cases = result.cases(kind);
            if (kind == ScenarioKind.NORMAL || cases.isEmpty()) {
                continue;
            }
            final long good = cases.stream().filter(ScenarioCase::asExpected).count();
            line("");
            line("  %s: %d case(s), %s", kind.title().toUpperCase(Locale.ROOT), cases.size(),
                good == cases.size() ? "all as expected" : (cases.size() - good) + " NOT as expected");
            line("    %s", kind.story());
            final List<EventOutcome> fraud = cases.stream().flatMap(c -> c.fraudulent().stream()).toList();
            if (!fraud.isEmpty()) {
                final List<EventOutcome> through = cases.stream().flatMap(c -> c.fraudLetThrough().stream()).toList();
                line("    fraudulent authorizations: %d; stopped %d (declined or challenged); let through %d%s",
                    fraud.size(), fraud.size() - through.size(), through.size(),
                    through.isEmpty() ? "" : " (" + amounts(through) + ")");
            }
            int shown = 0;
            for (final ScenarioCase scenarioCase : cases) {
                if (shown < CASES_IN_DETAIL || !scenarioCase.asExpected()) {
                    scenarioCase(scenarioCase);
                    shown++;
                }
            }
            if (shown < cases.size()) {
                line("    ... %d more case(s), all as expected", cases.size() - shown);
            }
        }
        line("");
    }

    private void scenarioCase(final ScenarioCase scenarioCase) {
        final Set<SyntheticCard> cards = scenarioCase.events().stream().map(e -> e.event().card())
            .collect(Collectors.toCollection(() -> Collections.newSetFromMap(new IdentityHashMap<>())));
        final EventOutcome first = scenarioCase.events().get(0);
        final String subject = cards.size() == 1 ? "card " + CardLabel.of(first) : cards.size() + " cards; first seen"
            + terminalOf(scenarioCase);
        line("    case %d: %s%s", scenarioCase.number(), subject, scenarioCase.asExpected() ? "" : "  <-- NOT as expected");
        final Map<String, List<EventOutcome>> steps = new LinkedHashMap<>();
        for (final EventOutcome outcome : scenarioCase.events()) {
            steps.computeIfAbsent(outcome.event().tag().step(), s -> new ArrayList<>()).add(outcome);
        }
        steps.forEach((step, events) -> {
            if (events.size() == 1) {
                singleStep(step, events.get(0));
            } else {
                groupedStep(step, events);
            }
        });
    }

    private String terminalOf(final ScenarioCase scenarioCase) {
        final EventOutcome first = scenarioCase.events().get(0);
        if (first.isAuthorization() && first.authorization().terminalId() != null) {
            final SyntheticAuthorization at = first.authorization();
            return String.format(" at terminal %s of %s (%s, %s)", at.terminalId(), at.merchant().id(),
                at.merchant().category().description(), at.merchant().country());
        }
        return "";
    }

    private void singleStep(final String step, final EventOutcome outcome) {
        final String time = traffic.clockTime(outcome.event().timeMillis());
        if (!outcome.isAuthorization()) {
            line("      %s  %-50s %s in %s%s", time, step, outcome.ack().status(), us(outcome.latencyNanos()),
                expectationNote(List.of(outcome)));
            return;
        }
        final SyntheticAuthorization a = outcome.authorization();
        final String where = a.cardPresent() ? a.merchant().category().description() + ", " + a.merchant().country()
            : a.merchant().category().description() + ", " + a.merchant().country() + ", IP " + a.ipCountry();
        line("      %s  %-50s %-3s %14s  %s", time, step, a.channel(), a.amountText(), where);
        final FlagReason flag = outcome.flagRaised();
        line("      %8s  -> %s%s%s", "", decisionText(outcome.decision()),
            flag == FlagReason.NOT_FLAGGED ? "" : "; flags the card (" + flag + ")",
            expectationNote(List.of(outcome)));
    }

    private void groupedStep(final String step, final List<EventOutcome> events) {
        final String time = traffic.clockTime(events.get(0).event().timeMillis());
        final Map<String, Integer> outcomes = new TreeMap<>();
        final Map<FlagReason, List<EventOutcome>> flagsRaised = new EnumMap<>(FlagReason.class);
        for (final EventOutcome outcome : events) {
            final String key = outcome.isAuthorization()
                ? outcome.decision().action() + " " + outcome.decision().responseCode().code()
                : outcome.ack().status().toString();
            outcomes.merge(key, 1, Integer::sum);
            final FlagReason flag = outcome.flagRaised();
            if (flag != FlagReason.NOT_FLAGGED && outcome.isAuthorization()) {
                flagsRaised.computeIfAbsent(flag, f -> new ArrayList<>()).add(outcome);
            }
        }
        final String counts = outcomes.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue())
            .collect(Collectors.joining(", "));
        line("      %s  %-50s %s%s", time, step + " (" + events.size() + ")", counts, expectationNote(events));
        if (!flagsRaised.isEmpty()) {
            final String raised = flagsRaised.entrySet().stream().map(e -> {
                final EventOutcome firstFlag = e.getValue().get(0);
                final String when = traffic.clockTime(firstFlag.event().timeMillis());
                return e.getValue().size() == 1
                    ? e.getKey() + " at " + when + " (no. " + (events.indexOf(firstFlag) + 1) + " of " + events.size() + ")"
                    : e.getKey() + " x" + e.getValue().size() + ", first at " + when;
            }).collect(Collectors.joining("; "));
            line("      %8s  -> flags raised: %s", "", raised);
        }
    }

    private static String expectationNote(final List<EventOutcome> events) {
        final List<EventOutcome> expecting = events.stream()
            .filter(e -> e.event().tag().expectation() != Expectation.NONE).toList();
        if (expecting.isEmpty()) {
            return "";
        }
        final long met = expecting.stream().filter(EventOutcome::meetsExpectation).count();
        final String wanted = expecting.stream().map(e -> e.event().tag().expectation().description()).distinct()
            .collect(Collectors.joining(", then "));
        if (events.size() == 1) {
            return met == 1 ? "   [ok: " + wanted + "]" : "   [MISSED: wanted " + wanted + "]";
        }
        return String.format("   [%d/%d %s: %s]", met, expecting.size(), met == expecting.size() ? "ok" : "MISSED",
            wanted);
    }

    private void blocks() {
        final List<CrossChannelBlock> blocks = result.flags().blocks();
        line("Cross-channel blocks: card-present authorizations declined 59 CARD_FLAGGED_ONLINE (%d)", blocks.size());
        line("  %-26s %-17s %-18s %-9s %-9s %-8s %s", "card (BIN..last4 fp)", "scenario", "flag reason", "flagged",
            "blocked", "after", "flag applied in");
        int listed = 0;
        for (final CrossChannelBlock block : blocks) {
            if (listed++ == BLOCKS_LISTED) {
                line("  ... %d more", blocks.size() - BLOCKS_LISTED);
                break;
            }
            final RaisedFlag flag = block.flag();
            line("  %-26s %-17s %-18s %-9s %-9s %-8s %s", CardLabel.of(block.block()),
                block.block().event().tag().kind().tagName(), flag == null ? "?" : flag.reason(),
                flag == null ? "?" : traffic.clockTime(flag.timeMillis()),
                traffic.clockTime(block.block().event().timeMillis()),
                flag == null ? "?" : minutes(block.flagToBlockMillis()),
                flag == null ? "?" : us(flag.latencyNanos()) + " (" + flag.latencySource() + ")");
        }
        if (blocks.stream().anyMatch(b -> b.flag() == null)) {
            line("  ? the flag was raised by a request whose caller got a stand-in decision, so the demo never saw it");
        }
        line("");
    }

    private void performance() {
        final EngineStats stats = result.stats();
        line("Flag-to-block, engine-measured (a flag's ingress until it is applied, visible to the next event):");
        line("  %s", stats.flagToBlock().toMicrosLine());
        line("Decision latency, engine-measured (ingress to release of each decision; each producer keeps %d in"
            + " flight, so a request may wait behind that many):", result.options().inFlight());
        line("  %s", stats.decisionLatency().toMicrosLine());
        line("Throughput: %s authorizations/s (%s authorizations and %s control events in %.2f s)",
            n(Math.round(result.authorizationsPerSecond())), n(result.tally().total()),
            n(traffic.fraudReports() + traffic.flagClears()), result.driveNanos() / 1e9);
        line("Card history: %.0f bytes per card (off-heap, index included); %s cards held of %s",
            stats.bytesPerCard(), n(result.cardsHeld()), n(result.engineConfig().capacities().cards()));
        line("Generating the day took %.2f s; %s", result.generationNanos() / 1e9, result.options().warmUp()
            ? String.format(Locale.ROOT, "the warm-up pass through a scratch engine %.2f s", result.warmUpNanos() / 1e9)
            : "no warm-up: the figures above include JIT compilation");
    }

    private static String decisionText(final Decision d) {
        final String reasons = d.reasons().stream().map(ReasonCode::name).collect(Collectors.joining(", "));
        return String.format("%s %s score %d%s%s", d.action(), d.responseCode().code(), d.score(),
            reasons.isEmpty() ? "" : " [" + reasons + "]", d.standIn() ? " STAND-IN" : "");
    }

    private static String amounts(final List<EventOutcome> outcomes) {
        final Map<String, Long> byCurrency = new TreeMap<>();
        for (final EventOutcome outcome : outcomes) {
            final SyntheticAuthorization a = outcome.authorization();
            byCurrency.merge(a.currency(), a.amountMinor(), Long::sum);
        }
        return byCurrency.entrySet().stream()
            .map(e -> String.format(Locale.ROOT, "%,.2f %s", e.getValue() / 100.0, e.getKey()))
            .collect(Collectors.joining(", "));
    }

    private static String minutes(final long millis) {
        final long seconds = millis / 1000;
        if (seconds >= 3600) {
            return String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return String.format("%dm%02ds", seconds / 60, seconds % 60);
    }

    private static String us(final long nanos) {
        return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
    }

    private static String n(final long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String pct(final long part, final long whole) {
        return whole == 0 ? "0%" : String.format(Locale.ROOT, "%.2f%%", 100.0 * part / whole);
    }

    /** For rates whose target is a hundredth of a percent. */
    private static String finePct(final long part, final long whole) {
        return whole == 0 ? "0%" : String.format(Locale.ROOT, "%.4f%%", 100.0 * part / whole);
    }

    private void line(final String format, final Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
