package io.ringfence.synthetic;

import io.ringfence.api.EntryMode;
import io.ringfence.api.FraudReportKind;

/**
 * A cardholder loses their card in the morning and reports it stolen: the report flags the card and the issuer
 * replaces it. When the thief taps the old card in a store, the engine should decline 59 CARD_FLAGGED_ONLINE.
 */
final class ReportedStolenScenario implements Scenario {

    @Override
    public ScenarioKind kind() {
        return ScenarioKind.REPORTED_STOLEN;
    }

    @Override
    public double casesPerTenThousandCards() {
        return 2;
    }

    @Override
    public void inject(final ScenarioContext ctx) {
        final RandomDraws random = ctx.random();
        final long loss = ctx.between(9.0, 14.0);
        final Cardholder owner = ctx.claim(null, Claim.suppressFrom(loss));
        final SyntheticCard card = owner.card();
        ctx.genuineInStore(owner, ctx.between(7.0, 8.5), "owner's own purchases");

        final long report = ctx.minutesAfter(loss, 30, 90);
        ctx.emit(new SyntheticFraudReport(report, card, FraudReportKind.ISSUER_REPORT, null,
            ctx.tag("cardholder reports the card stolen", false, Expectation.APPLIED)));
        ctx.replaceCard(owner, report);

        final long tap = ctx.minutesAfter(report, 15, 60);
        final Merchant store = random.pick(ctx.merchants().stores(card.country(), MerchantCategory.DEPARTMENT_STORE));
        ctx.emit(Purchases.inStore(card, store, store.pickTerminal(random), tap,
            Purchases.amountBetween(40, 250, random), EntryMode.CONTACTLESS,
            ctx.tag("thief taps the card in a store", true, Expectation.BLOCKED_IN_STORE)));
    }
}
