package io.ringfence.synthetic;

import io.ringfence.api.EntryMode;

/**
 * A bot tests a card number bought online with a burst of small donations (2.00 or less), a minute or so apart.
 * The fifth small attempt within the hour should be declined 59 CARD_TESTING and flag the card (unless the score
 * stopped the bot at an earlier attempt, which flags it as well); the issuer
 * replaces the card then, and the bot's further attempts are declined. Later a cloned magnetic-stripe copy is
 * swiped in a store: declined 59 CARD_FLAGGED_ONLINE.
 */
final class CardTestingScenario implements Scenario {
    /** The engine's rule: a small attempt after four small ones within the hour is card testing. */
    private static final int ATTEMPT_THAT_IS_CAUGHT = 4;

    @Override
    public ScenarioKind kind() {
        return ScenarioKind.CARD_TESTING;
    }

    @Override
    public double casesPerTenThousandCards() {
        return 6;
    }

    @Override
    public void inject(final ScenarioContext ctx) {
        final RandomDraws random = ctx.random();
        final long start = ctx.between(11.0, 20.0);
        final Cardholder owner = ctx.claim(null, Claim.keepSpending());
        final SyntheticCard card = owner.card();
        ctx.genuineHistory(owner, 3, ctx.between(7.0, 8.0), start - 3_600_000L, "owner's own purchases");

        final OnlineIdentity bot = OnlineIdentity.fraudster(random, card.country());
        final Merchant charity = ctx.merchants().pickOnline(MerchantCategory.CHARITY, card.country(), random);
        final int attempts = 7 + random.below(3);
        long time = start;
        for (int i = 0; i < attempts; i++) {
            final Expectation expected = i < ATTEMPT_THAT_IS_CAUGHT ? Expectation.NONE
                : i == ATTEMPT_THAT_IS_CAUGHT ? Expectation.STOPPED_AS_CARD_TESTING : Expectation.DECLINED;
            ctx.emit(Purchases.online(card, charity, time, Purchases.amountBetween(0.50, 2.00, random),
                EntryMode.ECOMMERCE, bot, ctx.tag("bot tests the card with a small donation", true, expected)));
            if (i == ATTEMPT_THAT_IS_CAUGHT) {
                ctx.replaceCard(owner, time);
            }
            time += random.between(45_000L, 100_000L);
        }

        final long swipe = ctx.minutesAfter(time, 20, 90);
        final Merchant store = random.pick(ctx.merchants().stores(card.country(), MerchantCategory.ELECTRONICS));
        ctx.emit(Purchases.inStore(card, store, store.pickTerminal(random), swipe,
            Purchases.amountBetween(150, 600, random), EntryMode.SWIPE,
            ctx.tag("cloned card swiped in a store", true, Expectation.BLOCKED_IN_STORE)));
    }
}
