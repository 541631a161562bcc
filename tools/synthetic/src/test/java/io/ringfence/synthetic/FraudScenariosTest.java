package io.ringfence.synthetic;

import io.ringfence.api.CardNumbers;
import io.ringfence.api.Channel;
import io.ringfence.api.EntryMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A month of a moderate population: each fraud story's rows carry the signals it describes, replaced cards stop
 * where their replacements start, and the fraud rate is in the range the README gives. Failures name cards by
 * their masked number only.
 */
class FraudScenariosTest {
    private static final int CARDS = 2_000;
    private static final int DAYS = 30;
    private static SyntheticTraffic traffic;
    /** Each card's authorizations, in time order. */
    private static Map<SyntheticCard, List<SyntheticAuthorization>> byCard;
    private static Map<SyntheticCard, Cardholder> owners;

    @BeforeAll
    static void generate() {
        traffic = TrafficGenerator.generate(new GeneratorConfig(CARDS, DAYS, 5, GeneratorConfig.FIRST_DAY_DEFAULT));
        byCard = new IdentityHashMap<>();
        for (final SyntheticEvent event : traffic.events()) {
            if (event instanceof SyntheticAuthorization a) {
                byCard.computeIfAbsent(a.card(), c -> new ArrayList<>()).add(a);
            }
        }
        owners = new IdentityHashMap<>();
        for (final Cardholder cardholder : traffic.population().cardholders()) {
            for (final SyntheticCard card : cardholder.cards()) {
                owners.put(card, cardholder);
            }
        }
    }

    @Test
    void aboutSevenInAThousandAuthorizationsAreFraud() {
        final double share = traffic.fraudulentAuthorizations() / (double)traffic.authorizations();
        assertTrue(share >= 0.005 && share <= 0.01, "fraud share " + share);
    }

    @Test
    void everyFraudStoryLabelsItsRowsAndEveryFraudRowHasAStory() {
        for (final ScenarioKind kind : List.of(ScenarioKind.LARGE_AMOUNT, ScenarioKind.COMPROMISED_CARD,
            ScenarioKind.NEW_DEVICE_FOREIGN_IP, ScenarioKind.SKIMMED_TERMINAL, ScenarioKind.STOLEN_CARD,
            ScenarioKind.CARD_TESTING)) {
            assertTrue(fraud(kind).size() > 10, "few fraud rows for " + kind);
        }
        assertTrue(traffic.events().stream().noneMatch(e -> e.tag().fraud() && e.tag().isNormal()));
    }

    @Test
    void largeAmountFraudIsAbove220AndFarAboveTheCardsHabit() {
        for (final SyntheticAuthorization a : fraud(ScenarioKind.LARGE_AMOUNT)) {
            assertTrue(a.amountMinor() > 220_00, a.amountText());
            final long habit = genuineMedian(a.card());
            assertTrue(a.amountMinor() >= 5 * habit, a.card().masked() + ": " + a.amountText() + " against a median "
                + habit);
        }
    }

    @Test
    void aCompromisedCardsFraudIsAThirdOfItsPaymentsAtFiveTimesItsUsualAmounts() {
        long fraudCount = 0;
        long allCount = 0;
        final List<Double> ratios = new ArrayList<>();
        for (final SyntheticCard card : cardsOf(ScenarioKind.COMPROMISED_CARD)) {
            final List<SyntheticAuthorization> rows = byCard.get(card);
            final List<SyntheticAuthorization> spikes = rows.stream().filter(a -> a.tag().fraud()).toList();
            final long first = spikes.get(0).timeMillis();
            final long replaced = replacedAt(card);
            fraudCount += spikes.stream().filter(a -> a.timeMillis() < replaced).count();
            allCount += rows.stream().filter(a -> a.timeMillis() >= first && a.timeMillis() < replaced).count();
            ratios.add(median(spikes) / (double)genuineMedian(card));
        }
        final double share = fraudCount / (double)allCount;
        assertTrue(share > 0.2 && share < 0.45, "fraud share of compromised cards' payments " + share);
        ratios.sort(Double::compare);
        final double typical = ratios.get(ratios.size() / 2);
        assertTrue(typical > 3.5 && typical < 7, "median spike over the card's habit " + typical);
    }

    @Test
    void newDeviceFraudComesFromADeviceIpAndEmailNeverSeenForTheCardAndAnotherCountry() {
        for (final SyntheticAuthorization a : fraud(ScenarioKind.NEW_DEVICE_FOREIGN_IP)) {
            assertEquals(Channel.CNP, a.channel());
            assertNotEquals(a.card().country(), a.ipCountry());
            final List<SyntheticAuthorization> genuine = byCard.get(a.card()).stream()
                .filter(g -> !g.tag().fraud() && g.channel() == Channel.CNP).toList();
            assertFalse(genuine.isEmpty());
            assertTrue(genuine.stream().noneMatch(g -> g.deviceId().equals(a.deviceId())
                || g.ipAddress().equals(a.ipAddress()) || g.email().equals(a.email())), a.card().masked());
            assertTrue(owners.get(a.card()).devices().stream().noneMatch(d -> d.id().equals(a.deviceId())));
        }
    }

    @Test
    void skimmedCardsAreSwipedElsewhereAfterTheirVisitToTheSkimmedTerminal() {
        int copies = 0;
        for (final SyntheticCard card : cardsOf(ScenarioKind.SKIMMED_TERMINAL)) {
            final List<SyntheticAuthorization> rows = byCard.get(card);
            final SyntheticAuthorization visit = rows.stream()
                .filter(a -> a.tag().kind() == ScenarioKind.SKIMMED_TERMINAL && !a.tag().fraud()).findFirst()
                .orElseThrow();
            final List<SyntheticAuthorization> swipes = rows.stream().filter(a -> a.tag().fraud()).toList();
            if (swipes.stream().allMatch(a -> a.entryMode() == EntryMode.SWIPE)) {
                copies++;
                assertTrue(swipes.stream().allMatch(a -> a.cardPresent() && a.timeMillis() > visit.timeMillis()
                    && !visit.terminalId().equals(a.terminalId())), card.masked());
            }
        }
        assertTrue(copies > 20, "counterfeit copies: " + copies);
    }

    @Test
    void aReplacedCardHasNoGenuinePaymentsAfterItsReplacementWhichCarriesOnTheHabits() {
        int replaced = 0;
        for (final Cardholder cardholder : traffic.population().cardholders()) {
            final List<SyntheticCard> cards = cardholder.cards();
            for (int i = 0; i + 1 < cards.size(); i++) {
                final SyntheticCard old = cards.get(i);
                final SyntheticCard next = cards.get(i + 1);
                final long from = cardholder.cardFromMillis(next);
                assertTrue(byCard.getOrDefault(old, List.of()).stream()
                    .noneMatch(a -> !a.tag().fraud() && a.timeMillis() >= from), old.masked());
                assertTrue(byCard.getOrDefault(next, List.of()).stream().allMatch(a -> a.timeMillis() >= from));
                assertTrue(CardNumbers.passesLuhn(next.pan()));
                assertNotEquals(old.pan(), next.pan());
                assertEquals(cardholder.home().code(), next.country());
                replaced++;
            }
            final SyntheticCard last = cards.get(cards.size() - 1);
            if (cards.size() > 1 && byCard.containsKey(last)) {
                final Set<String> devices = cardholder.devices().stream().map(Device::id).collect(Collectors.toSet());
                assertTrue(byCard.get(last).stream().filter(a -> a.tag().isNormal() && !a.cardPresent())
                    .allMatch(a -> devices.contains(a.deviceId()) && a.email().equals(cardholder.email())));
            }
        }
        assertTrue(replaced > CARDS / 10, "replaced cards: " + replaced);
        final long genuineOnReplacements = traffic.events().stream().filter(e -> e.tag().isNormal()
            && owners.get(e.card()).cards().get(0) != e.card()).count();
        assertTrue(genuineOnReplacements > 10_000, "genuine payments on replacement cards: " + genuineOnReplacements);
    }

    @Test
    void aFraudRateMultiplierScalesTheFraudAndTheSameSeedGivesTheSameTraffic() {
        final GeneratorConfig doubled = new GeneratorConfig(1_000, 7, 5, GeneratorConfig.FIRST_DAY_DEFAULT, 2.0);
        final SyntheticTraffic once = TrafficGenerator.generate(doubled);
        assertEquals(TrafficGeneratorTest.digest(once), TrafficGeneratorTest.digest(TrafficGenerator.generate(doubled)));
        final SyntheticTraffic usual = TrafficGenerator.generate(new GeneratorConfig(1_000, 7, 5,
            GeneratorConfig.FIRST_DAY_DEFAULT));
        // Less than double: every story keeps its one case a day, and the stories that last are still starting.
        assertTrue(once.fraudulentAuthorizations() > usual.fraudulentAuthorizations() * 1.2,
            once.fraudulentAuthorizations() + " against " + usual.fraudulentAuthorizations());
    }

    private static List<SyntheticAuthorization> fraud(final ScenarioKind kind) {
        final List<SyntheticAuthorization> rows = new ArrayList<>();
        for (final SyntheticEvent event : traffic.events()) {
            if (event instanceof SyntheticAuthorization a && a.tag().kind() == kind && a.tag().fraud()) {
                rows.add(a);
            }
        }
        return rows;
    }

    /** Cards with fraud of the kind, and a replacement. */
    private static List<SyntheticCard> cardsOf(final ScenarioKind kind) {
        final Set<SyntheticCard> cards = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        final List<SyntheticCard> ordered = new ArrayList<>();
        for (final SyntheticAuthorization a : fraud(kind)) {
            if (cards.add(a.card()) && replacedAt(a.card()) != Long.MAX_VALUE) {
                ordered.add(a.card());
            }
        }
        return ordered;
    }

    /** When the card's replacement took over; {@link Long#MAX_VALUE} when it was not replaced in the traffic. */
    private static long replacedAt(final SyntheticCard card) {
        final Cardholder owner = owners.get(card);
        final List<SyntheticCard> cards = owner.cards();
        final int index = cards.indexOf(card);
        return index == cards.size() - 1 ? Long.MAX_VALUE : owner.cardFromMillis(cards.get(index + 1));
    }

    /** The median amount of the card's genuine payments. */
    private static long genuineMedian(final SyntheticCard card) {
        return median(byCard.get(card).stream().filter(a -> !a.tag().fraud()).toList());
    }

    private static long median(final List<SyntheticAuthorization> rows) {
        final long[] amounts = rows.stream().mapToLong(SyntheticAuthorization::amountMinor).sorted().toArray();
        return amounts[amounts.length / 2];
    }
}
