package io.ringfence.synthetic;

import io.ringfence.api.EntryMode;

import java.util.List;

/**
 * A compromised terminal, after the Fraud Detection Handbook's second scenario (a compromised terminal's
 * transactions for the next 28 days are fraud), told as skimming really happens: a skimmer sits on a fuel pump
 * for one to four days and copies the cards of customers paying there (their own payments are genuine). Half a
 * day to two weeks later, a crew cashes each copy out as a counterfeit magnetic-stripe card: two to five swipes
 * within hours, in stores of the victim's country or, half the time, of another. The issuer spots the counterfeit
 * use or the cardholder reports it one to four days after the first swipe, and the card is replaced; the crew may
 * still try the copy.
 */
final class SkimmedCardsScenario implements Scenario {
    /** Where copies are cashed out: goods that resell; never back at a fuel pump. */
    private static final List<MerchantCategory> CASH_OUT = List.of(MerchantCategory.ELECTRONICS,
        MerchantCategory.DEPARTMENT_STORE, MerchantCategory.CLOTHING, MerchantCategory.GROCERY);
    private static final double ABROAD_SHARE = 0.5;

    @Override
    public ScenarioKind kind() {
        return ScenarioKind.SKIMMED_TERMINAL;
    }

    @Override
    public double casesPerTenThousandCards() {
        return 4.5;
    }

    /** Copies the crew uses: more in a bigger population, whose pumps see more customers. */
    static int copiesUsed(final int cards, final RandomDraws random) {
        return Math.min(16, 2 + cards / 500) - random.below(3);
    }

    @Override
    public void inject(final ScenarioContext ctx) {
        final RandomDraws random = ctx.random();
        final String country = random.pickWeighted(Country.HOMES, Country::weight).code();
        final Merchant station = random.pick(ctx.merchants().stores(country, MerchantCategory.SERVICE_STATION));
        final String pump = station.pickTerminal(random);
        final long installed = ctx.between(6.0, 12.0);
        final long removed = ctx.daysAfter(installed, 1.0, 4.0);
        final int victims = Math.max(1, copiesUsed(ctx.populationSize(), random));
        for (int v = 0; v < victims; v++) {
            final Cardholder victim = ctx.claim(country, Claim.keepSpending());
            final SyntheticCard card = victim.card();
            final long visit = random.between(installed, removed);
            ctx.emit(Purchases.inStore(card, station, pump, visit,
                Purchases.typicalAmount(MerchantCategory.SERVICE_STATION, victim.habits().spendLevel(), random),
                Purchases.inStoreEntryMode(victim.habits(), victim.home(), random),
                ctx.tag("card copied at a skimmed pump", false, Expectation.NONE)));

            final String where = random.chance(ABROAD_SHARE) ? NormalSpending.abroad(victim.home(), random)
                : victim.home().code();
            final long firstUse = ctx.daysAfter(visit, 0.5, 14.0);
            long time = firstUse;
            Merchant reported = null;
            final int swipes = 2 + random.below(4);
            for (int i = 0; i < swipes; i++) {
                reported = swipe(ctx, card, where, time, "counterfeit copy swiped in a store");
                time = ctx.minutesAfter(time, 10, 180);
            }
            final long known = ctx.daysAfter(firstUse, 1.0, 4.0);
            ctx.reportAndReplace(victim, card, reported, Math.max(time, known));
            final int late = ctx.attemptsAfterReplacement();
            for (int i = 0; i < late; i++) {
                swipe(ctx, card, where, ctx.minutesAfter(Math.max(time, known), 30, 24 * 60),
                    "crew tries the copy of the replaced card");
            }
        }
    }

    private static Merchant swipe(final ScenarioContext ctx, final SyntheticCard card, final String country,
        final long time, final String step) {
        final RandomDraws random = ctx.random();
        final MerchantCategory category = random.pick(CASH_OUT);
        final Merchant store = random.pick(ctx.merchants().stores(country, category));
        final long amount = Math.round(Purchases.typicalAmount(category, 1.0, random) * random.between(1.5, 4.0));
        ctx.emit(Purchases.inStore(card, store, store.pickTerminal(random), time, amount, EntryMode.SWIPE,
            ctx.tag(step, true, Expectation.NONE)));
        return store;
    }
}
