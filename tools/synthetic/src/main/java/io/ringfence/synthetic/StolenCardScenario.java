package io.ringfence.synthetic;

import io.ringfence.api.EntryMode;

/**
 * A card is stolen around midday. The thief first buys electronics online from abroad, on their own device:
 * the engine should decline it and flag the card. Then the thief taps the card in two stores: both should be
 * declined 59 CARD_FLAGGED_ONLINE. The owner spends nothing from the theft until they report the card stolen,
 * an hour to ten after the thief's last tap, and the issuer replaces it.
 */
final class StolenCardScenario implements Scenario {

    @Override
    public ScenarioKind kind() {
        return ScenarioKind.STOLEN_CARD;
    }

    @Override
    public double casesPerTenThousandCards() {
        return 6;
    }

    @Override
    public void inject(final ScenarioContext ctx) {
        final RandomDraws random = ctx.random();
        final long theft = ctx.between(12.0, 16.0);
        final Cardholder owner = ctx.claim(null, Claim.suppressFrom(theft));
        final SyntheticCard card = owner.card();
        ctx.genuineHistory(owner, 4, ctx.between(7.0, 8.0), theft - 3_600_000L, "owner's own purchases");

        final OnlineIdentity thief = OnlineIdentity.fraudster(random, null);
        final long online = ctx.minutesAfter(theft, 10, 30);
        final Merchant shop = ctx.merchants().pickOnline(MerchantCategory.ELECTRONICS, card.country(), random);
        ctx.emit(Purchases.online(card, shop, online, Purchases.amountBetween(1_800, 3_500, random),
            EntryMode.ECOMMERCE, thief, ctx.tag("thief buys online from abroad", true,
                Expectation.DECLINED_AND_FLAGGED)));

        final long firstTap = ctx.minutesAfter(online, 20, 50);
        final Merchant store = random.pick(ctx.merchants().stores(card.country(), MerchantCategory.ELECTRONICS));
        ctx.emit(Purchases.inStore(card, store, store.pickTerminal(random), firstTap,
            Purchases.amountBetween(80, 400, random), EntryMode.CONTACTLESS,
            ctx.tag("thief taps the card in a store", true, Expectation.BLOCKED_IN_STORE)));

        final long secondTap = ctx.minutesAfter(firstTap, 5, 15);
        final Merchant grocer = random.pick(ctx.merchants().stores(card.country(), MerchantCategory.GROCERY));
        ctx.emit(Purchases.inStore(card, grocer, grocer.pickTerminal(random), secondTap,
            Purchases.amountBetween(30, 90, random), EntryMode.CONTACTLESS,
            ctx.tag("thief tries another store", true, Expectation.BLOCKED_IN_STORE)));

        ctx.reportAndReplace(owner, card, null, ctx.minutesAfter(secondTap, 60, 600));
    }
}
