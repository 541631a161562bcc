package io.ringfence.synthetic;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Generates synthetic card traffic: a population of cardholders and merchants, then for each day the scenario
 * cases and everyone's genuine spending, merged into one time-ordered stream. Stories that last several days
 * place their later events ahead; whatever falls after the last day is left out.
 *
 * <p>Deterministic: everything is drawn from one {@link java.util.SplittableRandom} seeded by the configuration
 * (no clock, no hash-order iteration), so the same configuration gives the same events, byte for byte.
 *
 * <p>{@link #stream} hands the events out a day at a time, so many days of a large population need only one
 * day's events in memory; {@link #generate} collects the same stream into a list.
 */
public final class TrafficGenerator {
    /** The stories, in the order each day's cases are cast. */
    private static final List<Scenario> SCENARIOS = List.of(
        new StolenCardScenario(),
        new ReportedStolenScenario(),
        new CardTestingScenario(),
        new FalsePositiveScenario(),
        new SkimmedTerminalScenario(),
        new SkimmedCardsScenario(),
        new LargeAmountScenario(),
        new CompromisedCardScenario(),
        new NewDeviceScenario());
    private static final long DAY_MILLIS = ScenarioContext.DAY_MILLIS;

    private TrafficGenerator() {
    }

    public static SyntheticTraffic generate(final GeneratorConfig config) {
        final List<SyntheticEvent> events = new ArrayList<>((int)Math.min(Integer.MAX_VALUE - 8,
            config.cards() * 10L * config.days()));
        final Population population = stream(config, events::add);
        return new SyntheticTraffic(config, population, events);
    }

    /**
     * Generates the traffic and hands every event to {@code out} in time order (ties in a fixed order),
     * authorizations numbered in stream order ({@code tx0000001}); returns the population.
     */
    public static Population stream(final GeneratorConfig config, final Consumer<SyntheticEvent> out) {
        final RandomDraws root = new RandomDraws(config.seed());
        final Population population = Population.draw(config.cards(), config.firstDay(), root.split());
        final NormalSpending spending = new NormalSpending(population.merchants());
        final Map<Cardholder, Claim> claims = new HashMap<>();
        final Map<ScenarioKind, Integer> casesSoFar = new EnumMap<>(ScenarioKind.class);
        final Numbering numbering = new Numbering(out);
        // Events a day's stories place after its midnight wait for their day, ahead of that day's own events, so
        // the stream is the stable time sort of all days' events in generation order.
        List<SyntheticEvent> events = new ArrayList<>();

        for (int d = 0; d < config.days(); d++) {
            final LocalDate day = config.firstDay().plusDays(d);
            final long dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            final RandomDraws dayRandom = root.split();
            for (final Scenario scenario : SCENARIOS) {
                final int cases = scenario.casesPerDay(config.cards(), config.fraudRate(), dayRandom);
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
            events.sort(Comparator.comparingLong(SyntheticEvent::timeMillis));
            final boolean lastDay = d == config.days() - 1;
            final long nextDayStart = dayStart + DAY_MILLIS;
            final List<SyntheticEvent> later = new ArrayList<>();
            for (final SyntheticEvent event : events) {
                if (event.timeMillis() < nextDayStart) {
                    numbering.accept(event);
                } else if (!lastDay) {
                    later.add(event);
                }
            }
            events = later;
        }
        return population;
    }

    /** Gives authorizations their ids in stream order. */
    private static final class Numbering implements Consumer<SyntheticEvent> {
        private static final int ID_DIGITS = 7;

        private final Consumer<SyntheticEvent> out;
        private final StringBuilder id = new StringBuilder(16);
        private long next = 1;

        Numbering(final Consumer<SyntheticEvent> out) {
            this.out = out;
        }

        @Override
        public void accept(final SyntheticEvent event) {
            if (event instanceof SyntheticAuthorization authorization) {
                out.accept(authorization.withId(nextId()));
            } else {
                out.accept(event);
            }
        }

        /** {@code tx} and the number, zero-padded to seven digits. */
        private String nextId() {
            final String digits = Long.toString(next++);
            id.setLength(0);
            id.append("tx");
            for (int i = digits.length(); i < ID_DIGITS; i++) {
                id.append('0');
            }
            return id.append(digits).toString();
        }
    }
}
