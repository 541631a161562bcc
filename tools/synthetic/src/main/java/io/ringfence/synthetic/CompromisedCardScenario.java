package io.ringfence.synthetic;

import io.ringfence.api.EntryMode;

/**
 * A compromised card with amount spikes, after the Fraud Detection Handbook's third scenario (for 14 days a third
 * of a compromised customer's transactions have five times their amount, and are fraud). Someone who has the card
 * (a copy, or the card itself while the owner is not looking) spends beside its owner: about half as often as the
 * owner does, so a third of the card's payments are theirs, in the same country and the same mix of stores and
 * online shops, each at {@value #SPIKE} times the owner's usual amount for that kind of merchant. Online they use
 * a device of their own with a local IP address and the owner's email. The owner notices after two to seven days,
 * reports it and gets a new card; the fraudster may try the old card for up to a day more, and never spends on
 * it beyond {@value #WINDOW_DAYS} days.
 */
final class CompromisedCardScenario implements Scenario {
    /** The amount multiplier of the handbook's scenario. */
    static final int SPIKE = 5;
    /** The handbook's compromise window. */
    static final int WINDOW_DAYS = 14;
    /** The fraudster pays this share of the owner's daily rate: a third of the card's payments are fraud. */
    private static final double RATE_SHARE = 0.5;

    @Override
    public ScenarioKind kind() {
        return ScenarioKind.COMPROMISED_CARD;
    }

    @Override
    public double casesPerTenThousandCards() {
        return 9;
    }

    @Override
    public void inject(final ScenarioContext ctx) {
        final RandomDraws random = ctx.random();
        final Cardholder owner = ctx.claim(null, Claim.keepSpending());
        final SyntheticCard card = owner.card();
        final OnlineIdentity spender = OnlineIdentity.local(random, card.country(), owner.email());
        final long start = ctx.between(0.0, 24.0);
        final long known = ctx.daysAfter(start, 2.0, 7.0);
        final long end = Math.min(start + WINDOW_DAYS * ScenarioContext.DAY_MILLIS,
            ctx.daysAfter(known, 0.0, 1.0));
        final double perDay = owner.habits().dailyRate() * RATE_SHARE;
        final String step = "someone else spends five times the owner's usual amount";
        Merchant reported = spend(ctx, owner, card, spender, start, step);
        for (long day = ctx.dayStartMillis(); day < end; day += ScenarioContext.DAY_MILLIS) {
            final int payments = random.poisson(perDay);
            for (int i = 0; i < payments; i++) {
                final long time = day + DailyRhythm.sampleMillisOfDay(random);
                if (time <= start || time >= end) {
                    continue;
                }
                final Merchant merchant = spend(ctx, owner, card, spender, time, time < known ? step
                    : "fraudster tries the replaced card");
                if (time < known) {
                    reported = merchant;
                }
            }
        }
        ctx.reportAndReplace(owner, card, reported, known);
    }

    private static Merchant spend(final ScenarioContext ctx, final Cardholder owner, final SyntheticCard card,
        final OnlineIdentity spender, final long time, final String step) {
        final RandomDraws random = ctx.random();
        final ScenarioTag tag = ctx.tag(step, true, Expectation.NONE);
        if (random.chance(owner.habits().onlineShare())) {
            final Merchant shop = random.pick(owner.favouriteOnline());
            ctx.emit(Purchases.online(card, shop, time, spike(shop, owner, random), EntryMode.ECOMMERCE, spender,
                tag));
            return shop;
        }
        final Merchant store = ctx.merchants().pickStore(owner.home().code(), random);
        ctx.emit(Purchases.inStore(card, store, store.pickTerminal(random), time, spike(store, owner, random),
            Purchases.inStoreEntryModeWithoutPin(owner.habits(), random), tag));
        return store;
    }

    private static long spike(final Merchant merchant, final Cardholder owner, final RandomDraws random) {
        return SPIKE * Purchases.typicalAmount(merchant.category(), owner.habits().spendLevel(), random);
    }
}
