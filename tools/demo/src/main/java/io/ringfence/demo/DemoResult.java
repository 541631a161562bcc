package io.ringfence.demo;

import io.ringfence.EngineConfig;
import io.ringfence.api.EngineStats;
import io.ringfence.synthetic.ScenarioKind;
import io.ringfence.synthetic.SyntheticTraffic;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything a demo run produced: the traffic, what the engine made of each event, and the engine's stats. */
public final class DemoResult {
    private final DemoOptions options;
    private final SyntheticTraffic traffic;
    private final EngineConfig engineConfig;
    private final List<EventOutcome> outcomes;
    private final EngineStats stats;
    private final int cardsHeld;
    private final long generationNanos;
    private final long warmUpNanos;
    private final long driveNanos;
    private final DecisionTally tally;
    private final FlagLedger flags;
    private final Map<ScenarioKind, List<ScenarioCase>> cases;

    DemoResult(final DemoOptions options, final SyntheticTraffic traffic, final EngineConfig engineConfig,
        final List<EventOutcome> outcomes, final EngineStats stats, final int cardsHeld, final long generationNanos,
        final long warmUpNanos, final long driveNanos) {
        this.options = options;
        this.traffic = traffic;
        this.engineConfig = engineConfig;
        this.outcomes = List.copyOf(outcomes);
        this.stats = stats;
        this.cardsHeld = cardsHeld;
        this.generationNanos = generationNanos;
        this.warmUpNanos = warmUpNanos;
        this.driveNanos = driveNanos;
        this.tally = DecisionTally.of(this.outcomes);
        this.flags = FlagLedger.of(this.outcomes);
        this.cases = casesOf(this.outcomes);
    }

    private static Map<ScenarioKind, List<ScenarioCase>> casesOf(final List<EventOutcome> outcomes) {
        final Map<ScenarioKind, Map<Integer, List<EventOutcome>>> grouped = new EnumMap<>(ScenarioKind.class);
        for (final EventOutcome outcome : outcomes) {
            final var tag = outcome.event().tag();
            if (!tag.isNormal()) {
                grouped.computeIfAbsent(tag.kind(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(tag.caseNumber(), n -> new ArrayList<>()).add(outcome);
            }
        }
        final Map<ScenarioKind, List<ScenarioCase>> cases = new EnumMap<>(ScenarioKind.class);
        grouped.forEach((kind, byNumber) -> {
            final List<ScenarioCase> list = new ArrayList<>();
            byNumber.forEach((number, events) -> list.add(new ScenarioCase(kind, number, events)));
            list.sort((a, b) -> Integer.compare(a.number(), b.number()));
            cases.put(kind, List.copyOf(list));
        });
        return cases;
    }

    public DemoOptions options() {
        return options;
    }

    public SyntheticTraffic traffic() {
        return traffic;
    }

    public EngineConfig engineConfig() {
        return engineConfig;
    }

    /** What the engine made of every event, in stream order. */
    public List<EventOutcome> outcomes() {
        return outcomes;
    }

    public EngineStats stats() {
        return stats;
    }

    /** Cards in the engine's history store at the end. */
    public int cardsHeld() {
        return cardsHeld;
    }

    public long generationNanos() {
        return generationNanos;
    }

    /** Wall time of the warm-up pass through a scratch engine; 0 without warm-up. */
    public long warmUpNanos() {
        return warmUpNanos;
    }

    /** Wall time from the first event sent to the last outcome in. */
    public long driveNanos() {
        return driveNanos;
    }

    public DecisionTally tally() {
        return tally;
    }

    public FlagLedger flags() {
        return flags;
    }

    /** The cases of one scenario, by case number; empty for {@link ScenarioKind#NORMAL}. */
    public List<ScenarioCase> cases(final ScenarioKind kind) {
        return cases.getOrDefault(kind, List.of());
    }

    /** Whether every case of every scenario went as expected. */
    public boolean allAsExpected() {
        return cases.values().stream().flatMap(List::stream).allMatch(ScenarioCase::asExpected);
    }

    /** Stolen-card cases whose thief's first in-store tap was refused because the card was flagged. */
    public long stolenCardsRefusedAtFirstTap() {
        return cases(ScenarioKind.STOLEN_CARD).stream()
            .filter(c -> c.fraudulent().stream().filter(e -> e.authorization().cardPresent()).findFirst()
                .map(EventOutcome::isCrossChannelBlock).orElse(false))
            .count();
    }

    /** Genuine card-present authorizations the engine decided (not stand-ins). */
    public long genuineCardPresentDecided() {
        return outcomes.stream().filter(o -> o.isAuthorization() && o.authorization().cardPresent()
            && !o.event().tag().fraud() && !o.decision().standIn()).count();
    }

    /** Authorizations decided per second of driving. */
    public double authorizationsPerSecond() {
        return tally.total() / (driveNanos / 1e9);
    }
}
