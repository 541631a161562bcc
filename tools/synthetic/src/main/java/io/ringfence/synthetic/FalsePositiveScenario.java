package io.ringfence.synthetic;

import io.ringfence.api.EntryMode;

/**
 * A false alarm. A cardholder travelling abroad books a tour on a new laptop: a large amount, a new device and a
 * foreign IP address, which a score may well find suspicious. Their card was used in store where they are, so the
 * booking is no corroborated fraud, and a score below the flag threshold does not flag the card; should it flag it all
 * the same, their next payment, in a restaurant by chip and PIN, proves them and lifts the score's flag. Either way the
 * restaurant and their later taps are approved. An analyst reviews the booking and clears the card (nothing is left
 * to clear unless a flag survived).
 */
final class FalsePositiveScenario implements Scenario {
    @Override
    public ScenarioKind kind() {
        return ScenarioKind.FALSE_POSITIVE;
    }

    /** None beyond the one a day every story has: one false alarm a day, whatever the population. */
    @Override
    public double casesPerTenThousandCards() {
        return 0;
    }

    @Override
    public void inject(final ScenarioContext ctx) {
        final RandomDraws random = ctx.random();
        final long dayStart = ctx.dayStartMillis();
        final Cardholder traveller = ctx.claim(null, Claim.during(dayStart, dayStart + ScenarioContext.DAY_MILLIS));
        final SyntheticCard card = traveller.card();
        final String abroad = NormalSpending.abroad(traveller.home(), random);
        final String step = "traveller's own purchases abroad";

        ctx.genuineOnline(traveller, abroad, ctx.between(7.0, 7.5), step);
        long time = ctx.between(8.0, 8.5);
        for (int i = 0; i < 3; i++) {
            ctx.genuineInStore(traveller, ctx.merchants().pickStore(abroad, random), time, step);
            time = ctx.minutesAfter(time, 40, 80);
        }

        final long booking = ctx.between(12.5, 15.0);
        final Merchant agency = ctx.merchants().pickOnline(MerchantCategory.TRAVEL_AGENCY, traveller.home().code(),
            random);
        final OnlineIdentity newLaptop = new OnlineIdentity(Device.draw(random), random.ipAddress(), abroad,
            traveller.email(), traveller.home().code());
        ctx.emit(Purchases.online(card, agency, booking, Purchases.amountBetween(2_200, 3_000, random),
            EntryMode.ECOMMERCE, newLaptop, ctx.tag("traveller books a tour on a new laptop", false,
                Expectation.NONE)));

        final long dinner = ctx.minutesAfter(booking, 20, 40);
        final Merchant restaurant = random.pick(ctx.merchants().stores(abroad, MerchantCategory.RESTAURANT));
        ctx.emit(Purchases.inStore(card, restaurant, restaurant.pickTerminal(random), dinner,
            Purchases.amountBetween(45, 120, random), EntryMode.CHIP_AND_PIN,
            ctx.tag("traveller pays by chip and PIN", false, Expectation.APPROVED)));

        final long cleared = ctx.minutesAfter(dinner, 30, 60);
        ctx.emit(new SyntheticFlagClear(cleared, card,
            ctx.tag("analyst confirms the booking and clears the card", false, Expectation.NONE)));

        final long tap = ctx.minutesAfter(cleared, 15, 45);
        final Merchant store = random.pick(ctx.merchants().stores(abroad, MerchantCategory.CLOTHING));
        ctx.emit(Purchases.inStore(card, store, store.pickTerminal(random), tap,
            Purchases.amountBetween(30, 90, random), EntryMode.CONTACTLESS,
            ctx.tag("traveller taps in a shop", false, Expectation.APPROVED)));
    }
}
