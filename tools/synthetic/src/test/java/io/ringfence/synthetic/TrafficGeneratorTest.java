package io.ringfence.synthetic;

import io.ringfence.api.CardNumbers;
import io.ringfence.api.Channel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generator: reproducible for a seed, every scenario present, plausible volumes, valid cards. */
class TrafficGeneratorTest {
    private static final int CARDS = 2_000;
    private static SyntheticTraffic traffic;

    @BeforeAll
    static void generate() {
        traffic = TrafficGenerator.generate(GeneratorConfig.oneDay(CARDS, 7));
    }

    @Test
    void theSameSeedGivesTheSameEventStream() {
        final SyntheticTraffic again = TrafficGenerator.generate(GeneratorConfig.oneDay(CARDS, 7));
        assertEquals(traffic.events().size(), again.events().size());
        // Compared by digest so that a failure prints hex, not card numbers.
        assertEquals(digest(traffic), digest(again));
    }

    @Test
    void anotherSeedGivesAnotherEventStream() {
        final SyntheticTraffic other = TrafficGenerator.generate(GeneratorConfig.oneDay(CARDS, 8));
        assertNotEquals(digest(traffic), digest(other));
    }

    @Test
    void eventsAreInTimeOrderWithinTheDayAndNumberedInStreamOrder() {
        final long dayStart = GeneratorConfig.FIRST_DAY_DEFAULT.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
            .toEpochMilli();
        long previous = dayStart;
        int expectedId = 1;
        for (final SyntheticEvent event : traffic.events()) {
            assertTrue(event.timeMillis() >= previous, "events out of time order");
            previous = event.timeMillis();
            if (event instanceof SyntheticAuthorization authorization) {
                assertEquals(String.format("tx%07d", expectedId++), authorization.id());
            }
        }
        assertTrue(previous < dayStart + 86_400_000L, "an event falls after the day");
    }

    @Test
    void volumeIsAboutTenAuthorizationsPerCardWithBothChannels() {
        final int perCard = traffic.authorizations() / CARDS;
        assertTrue(perCard >= 7 && perCard <= 12, "authorizations per card: " + perCard);
        final double online = traffic.cardNotPresentAuthorizations() / (double)traffic.authorizations();
        assertTrue(online > 0.15 && online < 0.5, "card-not-present share: " + online);
    }

    @Test
    void cardsAreDistinctSixteenDigitLuhnValidNumbers() {
        final Set<String> pans = new HashSet<>();
        for (final Cardholder cardholder : traffic.population().cardholders()) {
            for (final SyntheticCard card : cardholder.cards()) {
                final String pan = card.pan();
                assertEquals(16, pan.length());
                assertTrue(pan.chars().allMatch(Character::isDigit));
                assertTrue(CardNumbers.passesLuhn(pan), "a generated card fails the Luhn check");
                assertTrue(pans.add(pan), "a card number was issued twice");
                assertFalse(card.toString().contains(pan), "the card's toString shows the PAN");
                assertFalse(cardholder.toString().contains(pan), "the cardholder's toString shows the PAN");
            }
        }
        assertTrue(pans.size() > CARDS, "no card was replaced");
    }

    @Test
    void everyRequestPassesTheEnginesValidationShape() {
        for (final SyntheticEvent event : traffic.events()) {
            if (event instanceof SyntheticAuthorization a) {
                assertTrue(a.amountMinor() > 0);
                assertTrue(a.entryMode().isAllowedOn(a.channel()));
                if (a.channel() == Channel.CP) {
                    assertTrue(a.terminalId() != null && a.deviceId() == null);
                } else {
                    assertTrue(a.terminalId() == null && a.deviceId() != null && a.ipCountry() != null);
                }
            }
        }
    }

    @Test
    void everyScenarioIsPresent() {
        for (final ScenarioKind kind : ScenarioKind.values()) {
            assertTrue(traffic.events().stream().anyMatch(e -> e.tag().kind() == kind), "no " + kind + " events");
        }
        assertEquals(1, traffic.flagClears(), "one analyst clear a day");
        assertTrue(traffic.fraudulentAuthorizations() > 0);
    }

    @Test
    void theStolenCardIsUsedOnlineFromAbroadThenInStore() {
        final List<SyntheticAuthorization> fraud = authorizations(ScenarioKind.STOLEN_CARD, true);
        final SyntheticAuthorization online = fraud.get(0);
        assertEquals(Channel.CNP, online.channel());
        assertNotEquals(online.card().country(), online.ipCountry());
        assertTrue(online.amountMinor() >= 1_800_00);
        final SyntheticAuthorization inStore = fraud.get(1);
        assertEquals(Channel.CP, inStore.channel());
        assertTrue(inStore.card() == online.card() && inStore.timeMillis() > online.timeMillis());
        final long theft = online.timeMillis() - 30 * 60_000L;
        assertTrue(traffic.events().stream().noneMatch(e -> e.card() == online.card() && e.tag().isNormal()
            && e.timeMillis() >= theft), "the owner kept spending with a stolen card");
    }

    @Test
    void theReportedStolenCardIsReportedBeforeItIsTapped() {
        final List<SyntheticEvent> events = events(ScenarioKind.REPORTED_STOLEN);
        final SyntheticEvent report = events.stream().filter(e -> e instanceof SyntheticFraudReport).findFirst()
            .orElseThrow();
        final SyntheticAuthorization tap = authorizations(ScenarioKind.REPORTED_STOLEN, true).get(0);
        assertTrue(tap.cardPresent() && tap.card() == report.card() && tap.timeMillis() > report.timeMillis());
    }

    @Test
    void cardTestingIsABurstOfSmallOnlineAttemptsThenAnInStoreUse() {
        final List<SyntheticAuthorization> fraud = authorizations(ScenarioKind.CARD_TESTING, true);
        final List<SyntheticAuthorization> attempts = fraud.stream().filter(a -> !a.cardPresent()).toList();
        assertTrue(attempts.size() >= 5);
        assertTrue(attempts.stream().allMatch(a -> a.amountMinor() <= 200));
        assertTrue(attempts.get(4).timeMillis() - attempts.get(0).timeMillis() < 10 * 60_000L, "not a burst");
        final SyntheticAuthorization last = fraud.get(fraud.size() - 1);
        assertTrue(last.cardPresent() && last.timeMillis() > attempts.get(attempts.size() - 1).timeMillis());
    }

    @Test
    void theSkimmedTerminalCollectsFiveReportsBeforeLaterUse() {
        final List<SyntheticEvent> events = events(ScenarioKind.SKIMMED_TERMINAL);
        final SyntheticAuthorization firstVisit = (SyntheticAuthorization)events.get(0);
        final String pump = firstVisit.terminalId();
        final Set<SyntheticCard> skimmed = events.stream()
            .filter(e -> e instanceof SyntheticAuthorization a && pump.equals(a.terminalId()) && !a.tag().fraud()
                && a.tag().step().contains("copied"))
            .map(SyntheticEvent::card).collect(Collectors.toSet());
        final List<SyntheticFraudReport> reports = events.stream().filter(e -> e instanceof SyntheticFraudReport)
            .map(e -> (SyntheticFraudReport)e).toList();
        assertTrue(reports.size() >= 5);
        assertTrue(reports.stream().allMatch(r -> skimmed.contains(r.card())), "a report names an unskimmed card");
        final long lastReport = reports.stream().mapToLong(SyntheticEvent::timeMillis).max().orElseThrow();
        final List<SyntheticAuthorization> later = events.stream()
            .filter(e -> e instanceof SyntheticAuthorization && e.timeMillis() > lastReport)
            .map(e -> (SyntheticAuthorization)e).toList();
        assertTrue(later.stream().anyMatch(a -> pump.equals(a.terminalId()) && !skimmed.contains(a.card())),
            "nobody else pays at the pump after the reports");
        assertTrue(later.stream().anyMatch(a -> a.tag().fraud() && skimmed.contains(a.card()) && !a.cardPresent()),
            "no copied card is used online after the reports");
    }

    @Test
    void severalDaysRepeatTheScenariosEachDay() {
        final SyntheticTraffic twoDays = TrafficGenerator.generate(new GeneratorConfig(500, 2, 3,
            LocalDate.of(2025, 6, 1)));
        assertEquals(2, twoDays.flagClears());
        assertEquals(2, twoDays.events().stream().filter(e -> e.tag().kind() == ScenarioKind.STOLEN_CARD)
            .mapToInt(e -> e.tag().caseNumber()).distinct().count());
        assertTrue(twoDays.clockTime(twoDays.events().get(twoDays.events().size() - 1).timeMillis())
            .startsWith("day 2 "));
    }

    private static List<SyntheticEvent> events(final ScenarioKind kind) {
        return traffic.events().stream().filter(e -> e.tag().kind() == kind && e.tag().caseNumber() == 1).toList();
    }

    private static List<SyntheticAuthorization> authorizations(final ScenarioKind kind, final boolean fraud) {
        return events(kind).stream().filter(e -> e instanceof SyntheticAuthorization && e.tag().fraud() == fraud)
            .map(e -> (SyntheticAuthorization)e).toList();
    }

    static String canonical(final SyntheticEvent event) {
        if (event instanceof SyntheticAuthorization a) {
            return String.join("|", a.id(), Long.toString(a.timeMillis()), a.card().pan(), a.card().expiry(),
                Long.toString(a.amountMinor()), a.currency(), a.channel().name(), a.entryMode().name(),
                a.merchant().id(), String.valueOf(a.terminalId()), String.valueOf(a.ipAddress()),
                String.valueOf(a.ipCountry()), String.valueOf(a.deviceId()), String.valueOf(a.email()),
                String.valueOf(a.billingCountry()), a.tag().toString());
        }
        if (event instanceof SyntheticFraudReport r) {
            return String.join("|", "report", Long.toString(r.timeMillis()), r.card().pan(), r.kind().name(),
                r.merchant() == null ? "-" : r.merchant().id(), r.tag().toString());
        }
        return String.join("|", "clear", Long.toString(event.timeMillis()), event.card().pan(), event.tag().toString());
    }

    /** SHA-256 over every field of every event, PANs included, so equal digests mean identical streams. */
    static String digest(final SyntheticTraffic traffic) {
        try {
            final MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (final SyntheticEvent event : traffic.events()) {
                sha.update(canonical(event).getBytes(StandardCharsets.UTF_8));
                sha.update((byte)'\n');
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
