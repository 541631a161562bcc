package io.ringfence.synthetic;

import io.ringfence.api.EntryMode;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One cardholder's genuine day: how many payments their habits give, when, where, in store or online, and for
 * how much, each with the card they hold at that moment. A few travel: for the day they pay in another country's
 * stores and go online from there.
 */
final class NormalSpending {
    private static final double TRAVEL_PROBABILITY = 0.015;
    private static final double FAVOURITE_STORE_SHARE = 0.75;
    private static final double FAVOURITE_ONLINE_SHARE = 0.85;
    private static final double ONLINE_WALLET_SHARE = 0.1;

    private final MerchantDirectory merchants;

    NormalSpending(final MerchantDirectory merchants) {
        this.merchants = merchants;
    }

    /**
     * Emits the cardholder's genuine payments of the day that starts at {@code dayStartMillis}, leaving out those
     * inside a scenario's claim on the cardholder.
     */
    void day(final Cardholder cardholder, final long dayStartMillis, final DayOfWeek dayOfWeek, final Claim claim,
        final RandomDraws random, final Consumer<SyntheticEvent> out) {
        final SpendingHabits habits = cardholder.habits();
        final String whereNow = random.chance(TRAVEL_PROBABILITY) ? abroad(cardholder.home(), random)
            : cardholder.home().code();
        final boolean weekend = dayOfWeek == DayOfWeek.SATURDAY || dayOfWeek == DayOfWeek.SUNDAY;
        final int payments = random.poisson(habits.dailyRate() * (weekend ? 1.1 : 1.0));
        for (int i = 0; i < payments; i++) {
            final long time = dayStartMillis + DailyRhythm.sampleMillisOfDay(random);
            final SyntheticAuthorization payment = random.chance(habits.onlineShare())
                ? online(cardholder, whereNow, time, random) : inStore(cardholder, whereNow, time, random);
            if (claim == null || !claim.suppresses(time)) {
                out.accept(payment);
            }
        }
    }

    private SyntheticAuthorization inStore(final Cardholder cardholder, final String whereNow, final long time,
        final RandomDraws random) {
        final Merchant store;
        if (!whereNow.equals(cardholder.home().code())) {
            store = merchants.pickStore(whereNow, random);
        } else if (random.chance(FAVOURITE_STORE_SHARE)) {
            store = random.pick(cardholder.favouriteStores());
        } else {
            store = merchants.pickStore(whereNow, random);
        }
        final long amount = Purchases.typicalAmount(store.category(), cardholder.habits().spendLevel(), random);
        return Purchases.inStore(cardholder.cardAt(time), store, store.pickTerminal(random), time, amount,
            Purchases.inStoreEntryMode(cardholder.habits(), cardholder.home(), random), ScenarioTag.NORMAL);
    }

    private SyntheticAuthorization online(final Cardholder cardholder, final String whereNow, final long time,
        final RandomDraws random) {
        final Merchant shop = random.chance(FAVOURITE_ONLINE_SHARE) ? random.pick(cardholder.favouriteOnline())
            : merchants.pickOnline(random);
        final long amount = Purchases.typicalAmount(shop.category(), cardholder.habits().spendLevel(), random);
        final Device device = random.pick(cardholder.devices());
        final OnlineIdentity who = OnlineIdentity.of(cardholder, device, whereNow);
        final EntryMode mode = random.chance(ONLINE_WALLET_SHARE) ? EntryMode.WALLET : EntryMode.ECOMMERCE;
        return Purchases.online(cardholder.cardAt(time), shop, time, amount, mode, who, ScenarioTag.NORMAL);
    }

    static String abroad(final Country home, final RandomDraws random) {
        final List<Country> elsewhere = new ArrayList<>(Country.HOMES);
        elsewhere.remove(home);
        return random.pickWeighted(elsewhere, Country::weight).code();
    }
}
