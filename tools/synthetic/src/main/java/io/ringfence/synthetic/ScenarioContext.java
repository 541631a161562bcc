package io.ringfence.synthetic;

import io.ringfence.api.EntryMode;
import io.ringfence.api.FraudReportKind;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** What a scenario case works with: the day, its own random stream, the population, and where events go. */
final class ScenarioContext {
    private static final long MINUTE_MILLIS = 60_000L;
    private static final long HOUR_MILLIS = 3_600_000L;
    static final long DAY_MILLIS = 86_400_000L;
    private static final int RANDOM_PICKS_BEFORE_SCAN = 64;

    private final ScenarioKind kind;
    private final int caseNumber;
    private final long dayStartMillis;
    private final RandomDraws random;
    private final Population population;
    private final Map<Cardholder, Claim> claims;
    private final Consumer<SyntheticEvent> out;

    ScenarioContext(final ScenarioKind kind, final int caseNumber, final long dayStartMillis,
        final RandomDraws random, final Population population, final Map<Cardholder, Claim> claims,
        final Consumer<SyntheticEvent> out) {
        this.kind = kind;
        this.caseNumber = caseNumber;
        this.dayStartMillis = dayStartMillis;
        this.random = random;
        this.population = population;
        this.claims = claims;
        this.out = out;
    }

    RandomDraws random() {
        return random;
    }

    MerchantDirectory merchants() {
        return population.merchants();
    }

    /** Cardholders in the population. */
    int populationSize() {
        return population.cardholders().size();
    }

    long dayStartMillis() {
        return dayStartMillis;
    }

    /** A random moment between two hours of the day (fractions allowed). */
    long between(final double fromHour, final double toHour) {
        return dayStartMillis + random.between((long)(fromHour * HOUR_MILLIS), (long)(toHour * HOUR_MILLIS));
    }

    /** A random moment between {@code fromMinutes} and {@code toMinutes} after {@code timeMillis}. */
    long minutesAfter(final long timeMillis, final double fromMinutes, final double toMinutes) {
        return timeMillis + random.between((long)(fromMinutes * MINUTE_MILLIS), (long)(toMinutes * MINUTE_MILLIS));
    }

    /** A random moment between {@code fromDays} and {@code toDays} after {@code timeMillis}. */
    long daysAfter(final long timeMillis, final double fromDays, final double toDays) {
        return timeMillis + random.between((long)(fromDays * DAY_MILLIS), (long)(toDays * DAY_MILLIS));
    }

    /** Claims a cardholder no scenario holds; prefers {@code country} when given. */
    Cardholder claim(final String country, final Claim claim) {
        final Cardholder chosen = unclaimed(c -> country == null || c.home().code().equals(country));
        claims.put(chosen, claim);
        return chosen;
    }

    /** A cardholder no scenario holds, left unclaimed: a bystander who keeps spending as usual. */
    Cardholder bystander(final String country) {
        return unclaimed(c -> c.home().code().equals(country));
    }

    /**
     * The issuer learns of the fraud on {@code owner}'s current card at {@code atMillis} and replaces it: their
     * own spending moves to a new card number from then on, and the scenario's hold on them ends there.
     */
    void replaceCard(final Cardholder owner, final long atMillis) {
        population.replaceCard(owner, atMillis);
        claims.put(owner, claims.get(owner).replacedAt(atMillis));
    }

    /**
     * The cardholder reports fraud on {@code card} at {@code atMillis} (naming {@code merchant}, or only the card
     * when null), and the issuer replaces the card at once.
     */
    void reportAndReplace(final Cardholder owner, final SyntheticCard card, final Merchant merchant,
        final long atMillis) {
        emit(new SyntheticFraudReport(atMillis, card, FraudReportKind.ISSUER_REPORT, merchant,
            tag("cardholder reports the fraud; the card is replaced", false, Expectation.NONE)));
        replaceCard(owner, atMillis);
    }

    /** How many more times a fraudster tries a card after it was replaced (0 to 2; the issuer refuses them). */
    int attemptsAfterReplacement() {
        return random.below(3);
    }

    private Cardholder unclaimed(final Predicate<Cardholder> wanted) {
        final List<Cardholder> everyone = population.cardholders();
        for (int i = 0; i < RANDOM_PICKS_BEFORE_SCAN; i++) {
            final Cardholder candidate = random.pick(everyone);
            if (free(candidate) && wanted.test(candidate)) {
                return candidate;
            }
        }
        final int start = random.below(everyone.size());
        Cardholder fallback = null;
        for (int i = 0; i < everyone.size(); i++) {
            final Cardholder candidate = everyone.get((start + i) % everyone.size());
            if (free(candidate)) {
                if (wanted.test(candidate)) {
                    return candidate;
                }
                if (fallback == null) {
                    fallback = candidate;
                }
            }
        }
        if (fallback == null) {
            throw new IllegalStateException("too few cards for the scenarios: every cardholder already plays a part");
        }
        return fallback;
    }

    /** No scenario holds them on this day. */
    private boolean free(final Cardholder cardholder) {
        final Claim claim = claims.get(cardholder);
        return claim == null || !claim.holdsOn(dayStartMillis);
    }

    ScenarioTag tag(final String step, final boolean fraud, final Expectation expectation) {
        return new ScenarioTag(kind, caseNumber, step, fraud, expectation);
    }

    void emit(final SyntheticEvent event) {
        out.accept(event);
    }

    /** The cardholder's own purchase at one of their usual stores. */
    void genuineInStore(final Cardholder cardholder, final long timeMillis, final String step) {
        final Merchant store = random.pick(cardholder.favouriteStores());
        genuineInStore(cardholder, store, timeMillis, step);
    }

    /** The cardholder's own purchase at a given store. */
    void genuineInStore(final Cardholder cardholder, final Merchant store, final long timeMillis, final String step) {
        emit(Purchases.inStore(cardholder.card(), store, store.pickTerminal(random), timeMillis,
            Purchases.typicalAmount(store.category(), cardholder.habits().spendLevel(), random),
            Purchases.inStoreEntryMode(cardholder.habits(), cardholder.home(), random), tag(step, false, Expectation.NONE)));
    }

    /** The cardholder's own online purchase from their main device. */
    void genuineOnline(final Cardholder cardholder, final String whereNow, final long timeMillis, final String step) {
        final Merchant shop = random.pick(cardholder.favouriteOnline());
        emit(Purchases.online(cardholder.card(), shop, timeMillis,
            Purchases.typicalAmount(shop.category(), cardholder.habits().spendLevel(), random), EntryMode.ECOMMERCE,
            OnlineIdentity.of(cardholder, cardholder.mainDevice(), whereNow), tag(step, false, Expectation.NONE)));
    }

    /** Emits {@code count} genuine purchases (the first online, the rest in store) spread over a time span. */
    void genuineHistory(final Cardholder cardholder, final int count, final long fromMillis, final long toMillis,
        final String step) {
        final long span = (toMillis - fromMillis) / count;
        for (int i = 0; i < count; i++) {
            final long time = fromMillis + i * span + random.between(0L, Math.max(1L, span / 2));
            if (i == 0) {
                genuineOnline(cardholder, cardholder.home().code(), time, step);
            } else {
                genuineInStore(cardholder, time, step);
            }
        }
    }
}
