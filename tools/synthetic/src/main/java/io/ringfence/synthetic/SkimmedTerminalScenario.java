package io.ringfence.synthetic;

import io.ringfence.api.EntryMode;
import io.ringfence.api.FraudReportKind;

import java.util.ArrayList;
import java.util.List;

/**
 * A skimmer on one fuel pump copies every card used there in the morning, and a crew cashes the copies out the
 * same day: the demo's compressed story of a compromised terminal (see {@link SkimmedCardsScenario} for the
 * slower, commoner kind).
 * <ol>
 * <li>Early afternoon, the crew uses six of the copied cards online (not expected to be caught: nothing is known
 *     yet). Their owners report the fraud and get new cards: each report counts against the pump, the card's
 *     last in-store terminal (so the owners' own spending stops from the pump visit until their card is
 *     replaced).</li>
 * <li>Evening: other customers paying at the pump should get REVIEW with COMPROMISED_TERMINAL; the rest of the
 *     copied cards, used online from abroad, should be declined with CARD_AT_COMPROMISED_TERMINAL (which flags
 *     them, and the issuer replaces them), and their counterfeit copies swiped in stores declined 59
 *     CARD_FLAGGED_ONLINE.</li>
 * </ol>
 */
final class SkimmedTerminalScenario implements Scenario {
    private static final int REPORTED_CARDS = 6;
    private static final int LATER_CUSTOMERS = 6;

    @Override
    public ScenarioKind kind() {
        return ScenarioKind.SKIMMED_TERMINAL;
    }

    @Override
    public double casesPerTenThousandCards() {
        return 0.5;
    }

    /** Cards the skimmer copies: more in a bigger population. */
    static int skimmedCards(final int cards) {
        return Math.min(24, 10 + cards / 4_000);
    }

    @Override
    public void inject(final ScenarioContext ctx) {
        final RandomDraws random = ctx.random();
        final String country = random.pickWeighted(Country.HOMES, Country::weight).code();
        final Merchant station = random.pick(ctx.merchants().stores(country, MerchantCategory.SERVICE_STATION));
        final String pump = station.pickTerminal(random);
        final int cards = skimmedCards(ctx.populationSize());

        final List<Cardholder> skimmed = new ArrayList<>(cards);
        for (int i = 0; i < cards; i++) {
            final long visit = ctx.between(7.0, 10.5);
            final Cardholder victim = ctx.claim(country, Claim.suppressFrom(visit));
            skimmed.add(victim);
            ctx.emit(Purchases.inStore(victim.card(), station, pump, visit,
                Purchases.typicalAmount(MerchantCategory.SERVICE_STATION, 1.0, random), EntryMode.CHIP,
                ctx.tag("card copied at the skimmed pump", false, Expectation.NONE)));
        }

        final OnlineIdentity crew = OnlineIdentity.fraudster(random, null);
        for (int i = 0; i < REPORTED_CARDS && i < skimmed.size(); i++) {
            final Cardholder victim = skimmed.get(i);
            final SyntheticCard card = victim.card();
            final long fraud = ctx.between(11.5, 14.0);
            final Merchant shop = ctx.merchants().pickOnline(MerchantCategory.MARKETPLACE, null, random);
            ctx.emit(Purchases.online(card, shop, fraud, Purchases.amountBetween(300, 900, random),
                EntryMode.ECOMMERCE, crew, ctx.tag("copied card used online", true, Expectation.NONE)));
            final long report = ctx.minutesAfter(fraud, 90, 180);
            ctx.emit(new SyntheticFraudReport(report, card, FraudReportKind.ISSUER_REPORT, shop,
                ctx.tag("cardholder reports the online fraud", false, Expectation.APPLIED)));
            ctx.replaceCard(victim, report);
        }

        for (int i = 0; i < LATER_CUSTOMERS; i++) {
            final Cardholder customer = ctx.bystander(country);
            ctx.emit(Purchases.inStore(customer.card(), station, pump, ctx.between(17.5, 20.0),
                Purchases.typicalAmount(MerchantCategory.SERVICE_STATION, customer.habits().spendLevel(), random),
                EntryMode.CHIP, ctx.tag("another customer pays at the skimmed pump", false,
                    Expectation.REVIEWED_AT_COMPROMISED_TERMINAL)));
        }

        for (int i = REPORTED_CARDS; i < skimmed.size(); i++) {
            final Cardholder victim = skimmed.get(i);
            final SyntheticCard card = victim.card();
            final long fraud = ctx.between(18.0, 21.0);
            final Merchant exchange = ctx.merchants().pickOnline(MerchantCategory.CRYPTO_EXCHANGE, card.country(),
                random);
            ctx.emit(Purchases.online(card, exchange, fraud, Purchases.amountBetween(2_000, 4_000, random),
                EntryMode.ECOMMERCE, crew, ctx.tag("copied card used online after the reports", true,
                    Expectation.DECLINED_CARD_AT_COMPROMISED_TERMINAL)));
            ctx.replaceCard(victim, ctx.minutesAfter(fraud, 5, 15));
            if (i % 2 == 0) {
                final Merchant store = random.pick(ctx.merchants().stores(card.country(), MerchantCategory.ELECTRONICS));
                ctx.emit(Purchases.inStore(card, store, store.pickTerminal(random), ctx.minutesAfter(fraud, 15, 60),
                    Purchases.amountBetween(200, 700, random), EntryMode.SWIPE,
                    ctx.tag("counterfeit copy swiped in a store", true, Expectation.BLOCKED_IN_STORE)));
            }
        }
    }
}
