package io.ringfence.tools.synthetic;

import java.util.List;

/**
 * A customer with one card: where they live, how they spend, the devices they shop online from and the
 * merchants they go back to.
 *
 * @param number            1-based number in the population
 * @param card              their card
 * @param home              home country
 * @param habits            spending habits
 * @param devices           their own devices, one to three
 * @param email             the email they give online
 * @param favouriteStores   stores near home they return to
 * @param favouriteOnline   online merchants they return to
 */
public record Cardholder(int number, SyntheticCard card, Country home, SpendingHabits habits, List<Device> devices,
    String email, List<Merchant> favouriteStores, List<Merchant> favouriteOnline) {

    public Cardholder {
        devices = List.copyOf(devices);
        favouriteStores = List.copyOf(favouriteStores);
        favouriteOnline = List.copyOf(favouriteOnline);
    }

    static Cardholder draw(final int number, final Country home, final CardIssuer issuer,
        final MerchantDirectory merchants, final RandomDraws random) {
        final SyntheticCard card = issuer.issue(home);
        final int deviceCount = 1 + random.below(3);
        final Device[] devices = new Device[deviceCount];
        for (int i = 0; i < deviceCount; i++) {
            devices[i] = Device.draw(random);
        }
        final int storeCount = 6 + random.below(7);
        final Merchant[] stores = new Merchant[storeCount];
        for (int i = 0; i < storeCount; i++) {
            stores[i] = merchants.pickStore(home.code(), random);
        }
        final int onlineCount = 3 + random.below(4);
        final Merchant[] online = new Merchant[onlineCount];
        for (int i = 0; i < onlineCount; i++) {
            online[i] = merchants.pickOnline(random);
        }
        return new Cardholder(number, card, home, SpendingHabits.draw(random), List.of(devices),
            String.format("customer%06d@mail.example", number), List.of(stores), List.of(online));
    }

    /** The device they use most. */
    public Device mainDevice() {
        return devices.get(0);
    }

    @Override
    public String toString() {
        return "Cardholder{" + number + ", " + card.masked() + ", " + home.code() + '}';
    }
}
