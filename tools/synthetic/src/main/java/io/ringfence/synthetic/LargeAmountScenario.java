package io.ringfence.synthetic;

import io.ringfence.api.EntryMode;

import java.util.List;

/**
 * Large-amount fraud, after the Fraud Detection Handbook's first scenario (every transaction above 220 is fraud),
 * made a story: a fraudster holding a card's details buys one to three big-ticket items within hours, each at 6 to
 * 15 times the cardholder's usual amount for that kind of merchant and never below {@value #FLOOR_MAJOR}. Mostly
 * online, from the fraudster's own device but through an IP address in the card's country; sometimes with a
 * counterfeit copy swiped in a store at home. The cardholder keeps their card, sees the charges within half a day
 * to three days, reports them and gets a new card; the fraudster may still try the old one.
 */
final class LargeAmountScenario implements Scenario {
    /** No large-amount fraud is smaller than this, in major units: above the handbook's 220 threshold. */
    static final double FLOOR_MAJOR = 250;
    private static final List<MerchantCategory> ONLINE = List.of(MerchantCategory.ELECTRONICS,
        MerchantCategory.AIRLINE, MerchantCategory.TRAVEL_AGENCY, MerchantCategory.CRYPTO_EXCHANGE);
    private static final List<MerchantCategory> IN_STORE = List.of(MerchantCategory.ELECTRONICS,
        MerchantCategory.DEPARTMENT_STORE, MerchantCategory.CLOTHING);
    private static final double ONLINE_SHARE = 0.75;

    @Override
    public ScenarioKind kind() {
        return ScenarioKind.LARGE_AMOUNT;
    }

    @Override
    public double casesPerTenThousandCards() {
        return 26;
    }

    @Override
    public void inject(final ScenarioContext ctx) {
        final RandomDraws random = ctx.random();
        final Cardholder owner = ctx.claim(null, Claim.keepSpending());
        final SyntheticCard card = owner.card();
        final OnlineIdentity fraudster = OnlineIdentity.local(random, card.country(), random.hex(10) + "@mail.example");
        final long first = ctx.between(8.0, 22.0);
        long time = first;
        Merchant reported = null;
        final int purchases = 1 + random.below(3);
        for (int i = 0; i < purchases; i++) {
            reported = purchase(ctx, owner, card, fraudster, time, "fraudster buys a big-ticket item");
            time = ctx.minutesAfter(time, 10, 240);
        }
        final long known = Math.max(time, ctx.daysAfter(first, 0.5, 3.0));
        ctx.reportAndReplace(owner, card, reported, known);
        final int late = ctx.attemptsAfterReplacement();
        for (int i = 0; i < late; i++) {
            purchase(ctx, owner, card, fraudster, ctx.minutesAfter(known, 30, 24 * 60),
                "fraudster tries the replaced card");
        }
    }

    private static Merchant purchase(final ScenarioContext ctx, final Cardholder owner, final SyntheticCard card,
        final OnlineIdentity fraudster, final long time, final String step) {
        final RandomDraws random = ctx.random();
        final ScenarioTag tag = ctx.tag(step, true, Expectation.NONE);
        if (random.chance(ONLINE_SHARE)) {
            final MerchantCategory category = random.pick(ONLINE);
            final Merchant shop = ctx.merchants().pickOnline(category, null, random);
            ctx.emit(Purchases.online(card, shop, time, largeAmount(category, owner, random), EntryMode.ECOMMERCE,
                fraudster, tag));
            return shop;
        }
        final MerchantCategory category = random.pick(IN_STORE);
        final Merchant store = random.pick(ctx.merchants().stores(card.country(), category));
        ctx.emit(Purchases.inStore(card, store, store.pickTerminal(random), time,
            largeAmount(category, owner, random), EntryMode.SWIPE, tag));
        return store;
    }

    /** 6 to 15 times what the cardholder usually spends in the category, and at least {@link #FLOOR_MAJOR}. */
    static long largeAmount(final MerchantCategory category, final Cardholder owner, final RandomDraws random) {
        final double usual = category.medianAmount() * owner.habits().spendLevel();
        final double major = Math.max(FLOOR_MAJOR + random.between(0.0, 50.0), usual * random.between(6.0, 15.0));
        return Math.round(major * 100.0);
    }
}
