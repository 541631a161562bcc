package io.ringfence.synthetic;

import io.ringfence.api.EntryMode;

import java.util.List;

/**
 * Card-not-present fraud from a new device in another country, in the style of an account takeover: a fraudster
 * with the card's details (and the billing country) buys online two to four times within a few hours, from a
 * device, IP address and email never seen for the card, the IP address in one of the countries fraud traffic
 * comes from, never the card's. Amounts are ordinary, one to three times the cardholder's usual amount, so the
 * signals are the device, the IP country and the email. The cardholder sees the charges within six hours to two
 * days, reports them and gets a new card; the fraudster may still try the old one.
 */
final class NewDeviceScenario implements Scenario {
    private static final List<MerchantCategory> SHOPS = List.of(MerchantCategory.MARKETPLACE,
        MerchantCategory.ELECTRONICS, MerchantCategory.DIGITAL_GOODS, MerchantCategory.GAMING,
        MerchantCategory.FOOD_DELIVERY);

    @Override
    public ScenarioKind kind() {
        return ScenarioKind.NEW_DEVICE_FOREIGN_IP;
    }

    @Override
    public double casesPerTenThousandCards() {
        return 12;
    }

    @Override
    public void inject(final ScenarioContext ctx) {
        final RandomDraws random = ctx.random();
        final Cardholder owner = ctx.claim(null, Claim.keepSpending());
        final SyntheticCard card = owner.card();
        final OnlineIdentity fraudster = OnlineIdentity.fraudster(random, card.country());
        long time = ctx.between(0.0, 24.0);
        Merchant reported = null;
        final int purchases = 2 + random.below(3);
        for (int i = 0; i < purchases; i++) {
            reported = purchase(ctx, owner, card, fraudster, time, "fraudster buys online from a new device abroad");
            time = ctx.minutesAfter(time, 5, 90);
        }
        final long known = ctx.minutesAfter(time, 6 * 60, 48 * 60);
        ctx.reportAndReplace(owner, card, reported, known);
        final int late = ctx.attemptsAfterReplacement();
        for (int i = 0; i < late; i++) {
            purchase(ctx, owner, card, fraudster, ctx.minutesAfter(known, 30, 12 * 60),
                "fraudster tries the replaced card");
        }
    }

    private static Merchant purchase(final ScenarioContext ctx, final Cardholder owner, final SyntheticCard card,
        final OnlineIdentity fraudster, final long time, final String step) {
        final RandomDraws random = ctx.random();
        final MerchantCategory category = random.pick(SHOPS);
        final Merchant shop = ctx.merchants().pickOnline(category, null, random);
        final long amount = Math.round(Purchases.typicalAmount(category, owner.habits().spendLevel(), random)
            * random.between(1.0, 3.0));
        ctx.emit(Purchases.online(card, shop, time, amount, EntryMode.ECOMMERCE, fraudster,
            ctx.tag(step, true, Expectation.NONE)));
        return shop;
    }
}
