package io.ringfence.synthetic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The cardholders and merchants of the synthetic world, drawn once from the seed, and the issuer that replaces
 * cards whose fraud becomes known.
 */
public final class Population {
    private final List<Cardholder> cardholders;
    private final MerchantDirectory merchants;
    private final CardIssuer issuer;

    private Population(final List<Cardholder> cardholders, final MerchantDirectory merchants,
        final CardIssuer issuer) {
        this.cardholders = List.copyOf(cardholders);
        this.merchants = merchants;
        this.issuer = issuer;
    }

    static Population draw(final int cards, final LocalDate firstDay, final RandomDraws random) {
        final MerchantDirectory merchants = MerchantDirectory.build(cards, random.split());
        final CardIssuer issuer = new CardIssuer(random.split(), firstDay);
        final RandomDraws people = random.split();
        final List<Cardholder> cardholders = new ArrayList<>(cards);
        for (int i = 1; i <= cards; i++) {
            final Country home = people.pickWeighted(Country.HOMES, Country::weight);
            cardholders.add(Cardholder.draw(i, home, issuer, merchants, people));
        }
        return new Population(cardholders, merchants, issuer);
    }

    public List<Cardholder> cardholders() {
        return cardholders;
    }

    public MerchantDirectory merchants() {
        return merchants;
    }

    /**
     * Issues {@code cardholder} a new card number (same country, valid Luhn digit, never issued before) that
     * replaces their current card from {@code atMillis} on.
     */
    SyntheticCard replaceCard(final Cardholder cardholder, final long atMillis) {
        final SyntheticCard card = issuer.issue(cardholder.home());
        cardholder.replaceCard(card, atMillis);
        return card;
    }
}
