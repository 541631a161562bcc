package io.ringfence.synthetic;

import java.util.ArrayList;
import java.util.List;

/**
 * A customer: where they live, how they spend, the devices they shop online from, the merchants they go back to,
 * and the cards they have held. A customer starts with one card; when fraud on it becomes known the issuer
 * replaces it with a new card number, and from then on their own spending uses the new card.
 *
 * <p>Compared by identity: the generator keeps one instance per customer.
 */
public final class Cardholder {
    private final int number;
    private final Country home;
    private final SpendingHabits habits;
    private final List<Device> devices;
    private final String email;
    private final List<Merchant> favouriteStores;
    private final List<Merchant> favouriteOnline;
    private final List<HeldCard> cards = new ArrayList<>(2);

    Cardholder(final int number, final SyntheticCard card, final Country home, final SpendingHabits habits,
        final List<Device> devices, final String email, final List<Merchant> favouriteStores,
        final List<Merchant> favouriteOnline) {
        this.number = number;
        this.home = home;
        this.habits = habits;
        this.devices = List.copyOf(devices);
        this.email = email;
        this.favouriteStores = List.copyOf(favouriteStores);
        this.favouriteOnline = List.copyOf(favouriteOnline);
        cards.add(new HeldCard(card, Long.MIN_VALUE));
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

    /** 1-based number in the population. */
    public int number() {
        return number;
    }

    /** The card issued to them most recently. */
    public SyntheticCard card() {
        return cards.get(cards.size() - 1).card;
    }

    /** The card they pay with at {@code timeMillis}. */
    public SyntheticCard cardAt(final long timeMillis) {
        for (int i = cards.size() - 1; i > 0; i--) {
            if (cards.get(i).fromMillis <= timeMillis) {
                return cards.get(i).card;
            }
        }
        return cards.get(0).card;
    }

    /** Every card issued to them, oldest first. */
    public List<SyntheticCard> cards() {
        final List<SyntheticCard> all = new ArrayList<>(cards.size());
        for (final HeldCard held : cards) {
            all.add(held.card);
        }
        return all;
    }

    /** The moment {@code card} replaced the one before it; {@link Long#MIN_VALUE} for the first card. */
    public long cardFromMillis(final SyntheticCard card) {
        for (final HeldCard held : cards) {
            if (held.card == card) {
                return held.fromMillis;
            }
        }
        throw new IllegalArgumentException("not one of this cardholder's cards");
    }

    /** Hands them {@code card}, replacing their current one from {@code fromMillis} on. */
    void replaceCard(final SyntheticCard card, final long fromMillis) {
        if (fromMillis < cards.get(cards.size() - 1).fromMillis) {
            throw new IllegalArgumentException("a replacement card cannot predate the card it replaces");
        }
        cards.add(new HeldCard(card, fromMillis));
    }

    public Country home() {
        return home;
    }

    public SpendingHabits habits() {
        return habits;
    }

    /** Their own devices, one to three. */
    public List<Device> devices() {
        return devices;
    }

    /** The email they give online. */
    public String email() {
        return email;
    }

    /** Stores near home they return to. */
    public List<Merchant> favouriteStores() {
        return favouriteStores;
    }

    /** Online merchants they return to. */
    public List<Merchant> favouriteOnline() {
        return favouriteOnline;
    }

    /** The device they use most. */
    public Device mainDevice() {
        return devices.get(0);
    }

    @Override
    public String toString() {
        return "Cardholder{" + number + ", " + card().masked() + ", " + home.code() + '}';
    }

    private record HeldCard(SyntheticCard card, long fromMillis) {
    }
}
