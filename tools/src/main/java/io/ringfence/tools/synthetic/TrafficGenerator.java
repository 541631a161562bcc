package io.ringfence.tools.synthetic;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates synthetic card traffic: a population of cardholders and merchants, then for each day the scenario
 * cases and everyone's genuine spending, merged into one time-ordered stream.
 *
 * <p>Deterministic: everything is drawn from one {@link java.util.SplittableRandom} seeded by the configuration
 * (no clock, no hash-order iteration), so the same configuration gives the same events, byte for byte.
 */
public final class TrafficGenerator {
    /** The stories, in the order each day's cases are cast. */
    private static final List<Scenario> SCENARIOS = List.of(
        new StolenCardScenario(),
        new ReportedStolenScenario(),
        new CardTestingScenario(),
        new FalsePositiveScenario(),
        new SkimmedTerminalScenario());

    private TrafficGenerator() {
    }

    public static SyntheticTraffic generate(final GeneratorConfig config) {
        final RandomDraws root = new RandomDraws(config.seed());
        final Population population = Population.draw(config.cards(), config.firstDay(), root.split());
        final NormalSpending spending = new NormalSpending(population.merchants());
        final Map<Cardholder, Claim> claims = new HashMap<>();
        final Map<ScenarioKind, Integer> casesSoFar = new EnumMap<>(ScenarioKind.class);
        final List<SyntheticEvent> events = new ArrayList<>(config.cards() * 10 * config.days());

        for (int d = 0; d < config.days(); d++) {
            final LocalDate day = config.firstDay().plusDays(d);
            final long dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            final RandomDraws dayRandom = root.split();
            for (final Scenario scenario : SCENARIOS) {
                final int cases = scenario.casesPerDay(config.cards());
                for (int c = 0; c < cases; c++) {
                    final int caseNumber = casesSoFar.merge(scenario.kind(), 1, Integer::sum);
                    scenario.inject(new ScenarioContext(scenario.kind(), caseNumber, dayStart, dayRandom.split(),
                        population, claims, events::add));
                }
            }
            for (final Cardholder cardholder : population.cardholders()) {
                spending.day(cardholder, dayStart, day.getDayOfWeek(), claims.get(cardholder), dayRandom.split(),
                    events::add);
            }
        }
        events.sort(Comparator.comparingLong(SyntheticEvent::timeMillis));
        return new SyntheticTraffic(config, population, numbered(events));
    }

    /** Gives authorizations their ids in stream order. */
    private static List<SyntheticEvent> numbered(final List<SyntheticEvent> events) {
        final List<SyntheticEvent> out = new ArrayList<>(events.size());
        int next = 1;
        for (final SyntheticEvent event : events) {
            if (event instanceof SyntheticAuthorization authorization) {
                out.add(authorization.withId(String.format("tx%07d", next++)));
            } else {
                out.add(event);
            }
        }
        return out;
    }
}
