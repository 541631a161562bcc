package io.ringfence.scoring;

import io.ringfence.features.Feature;
import io.ringfence.features.FeatureSchema;
import io.ringfence.features.FeatureVector;

/**
 * The transparent built-in policy: each risk signal adds a fixed number of points, and the points a signal adds
 * are its feature's contribution. An analyst can read every decision back to the rules below.
 *
 * <table>
 * <caption>Signals and points</caption>
 * <tr><td>amount of 2,000 or more / 5,000 or more (major units)</td><td>150 / 250</td></tr>
 * <tr><td>amount 4x / 8x the 30-day average, with 3 or more 30-day authorizations</td><td>200 / 350</td></tr>
 * <tr><td>3 or more authorizations in the last minute</td><td>250</td></tr>
 * <tr><td>6 or more in the last hour</td><td>60 per authorization over 5, at most 300</td></tr>
 * <tr><td>20 or more in the last day</td><td>150</td></tr>
 * <tr><td>2 or more small card-not-present attempts in the last hour</td><td>100 per attempt over 1, at most 300</td></tr>
 * <tr><td>new device (card-not-present) / 5 or more devices</td><td>150 / 100</td></tr>
 * <tr><td>IP country / billing country / merchant country differs from card country</td><td>200 / 100 / 60</td></tr>
 * <tr><td>impossible travel</td><td>450</td></tr>
 * <tr><td>7-day fraud rate at this terminal 20% or more / 50% or more (card-present only)</td><td>300 / 500</td></tr>
 * <tr><td>30-day compromise rate of this terminal 5% or more / 20% or more, from 2 or more compromised cards
 * (card-present only)</td><td>300 / 500</td></tr>
 * <tr><td>7-day fraud rate at this merchant 10% or more</td><td>150</td></tr>
 * <tr><td>30-day compromise rate of the card's last in-store terminal 5% or more, from 2 or more compromised
 * cards</td><td>250</td></tr>
 * <tr><td>(the four signals above together, scaled down to)</td><td>at most 600</td></tr>
 * <tr><td>stripe or key entry / on a card seen with chip</td><td>80 / 250</td></tr>
 * <tr><td>high-risk merchant category</td><td>100</td></tr>
 * <tr><td>new card, card-not-present, 500 or more</td><td>150</td></tr>
 * </table>
 *
 * The score is the sum, capped at 1000.
 *
 * <p>Places are judged by rates, not counts: a busy terminal with a few fraud reports is not a compromised one. A
 * fraud rate is the reports received in the window of frauds at the place over its transactions in the window; a
 * compromise rate counts the cards reported whose last in-store use was at the terminal (its point of compromise).
 */
public final class BuiltInPolicyScorer implements Scorer {
    public static final String VERSION = "builtin-policy/3";
    /** The most points the terminal and merchant signals give together: the review threshold, not the decline one. */
    static final double ENTITY_POINTS_MAX = 600;

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public String featureSchemaId() {
        return FeatureSchema.ID;
    }

    @Override
    public int score(final FeatureVector f, final double[] contributions) {
        final double amount = f.get(Feature.AMOUNT);
        add(contributions, Feature.AMOUNT, amount >= 5_000 ? 250 : amount >= 2_000 ? 150 : 0);

        final double history30d = f.get(Feature.CP_COUNT_30D) + f.get(Feature.CNP_COUNT_30D);
        final double ratio = f.get(Feature.AMOUNT_TO_AVERAGE_30D);
        if (history30d >= 3) {
            add(contributions, Feature.AMOUNT_TO_AVERAGE_30D, ratio >= 8 ? 350 : ratio >= 4 ? 200 : 0);
        }

        if (f.get(Feature.CP_COUNT_1M) + f.get(Feature.CNP_COUNT_1M) >= 3) {
            add(contributions, busier(f, Feature.CP_COUNT_1M, Feature.CNP_COUNT_1M), 250);
        }
        final double lastHour = f.get(Feature.CP_COUNT_1H) + f.get(Feature.CNP_COUNT_1H);
        if (lastHour >= 6) {
            add(contributions, busier(f, Feature.CP_COUNT_1H, Feature.CNP_COUNT_1H), Math.min(300, (lastHour - 5) * 60));
        }
        if (f.get(Feature.CP_COUNT_24H) + f.get(Feature.CNP_COUNT_24H) >= 20) {
            add(contributions, busier(f, Feature.CP_COUNT_24H, Feature.CNP_COUNT_24H), 150);
        }
        final double smallAttempts = f.get(Feature.SMALL_CNP_ATTEMPTS_1H);
        if (smallAttempts >= 2) {
            add(contributions, Feature.SMALL_CNP_ATTEMPTS_1H, Math.min(300, (smallAttempts - 1) * 100));
        }

        add(contributions, Feature.NEW_DEVICE, f.get(Feature.NEW_DEVICE) * 150);
        add(contributions, Feature.DISTINCT_DEVICES, f.get(Feature.DISTINCT_DEVICES) >= 5 ? 100 : 0);
        add(contributions, Feature.IP_COUNTRY_MISMATCH, f.get(Feature.IP_COUNTRY_MISMATCH) * 200);
        add(contributions, Feature.BILLING_COUNTRY_MISMATCH, f.get(Feature.BILLING_COUNTRY_MISMATCH) * 100);
        add(contributions, Feature.FOREIGN_MERCHANT, f.get(Feature.FOREIGN_MERCHANT) * 60);
        add(contributions, Feature.IMPOSSIBLE_TRAVEL, f.get(Feature.IMPOSSIBLE_TRAVEL) * 450);

        // A compromised terminal is a physical one (a skimmer): reports at an online shop's terminal say where
        // fraudsters spend, not that the shop's customers' cards are compromised.
        final boolean cardPresent = f.get(Feature.CARD_NOT_PRESENT) == 0;
        final double terminalRate = cardPresent ? f.get(Feature.TERMINAL_FRAUD_RATE_7D) : 0;
        final double terminalPoints = terminalRate >= 0.5 ? 500 : terminalRate >= 0.2 ? 300 : 0;
        // One compromised card is a coincidence at a quiet till, whatever its rate: a compromise needs two.
        final double compromiseRate = cardPresent && f.get(Feature.TERMINAL_FRAUD_REPORTS_30D) >= 2
            ? f.get(Feature.TERMINAL_COMPROMISE_RATE_30D) : 0;
        final double compromisePoints = compromiseRate >= 0.2 ? 500 : compromiseRate >= 0.05 ? 300 : 0;
        final double merchantPoints = f.get(Feature.MERCHANT_FRAUD_RATE_7D) >= 0.1 ? 150 : 0;
        final double lastTerminalPoints = f.get(Feature.LAST_CP_TERMINAL_FRAUD_REPORTS_30D) >= 2
            && f.get(Feature.LAST_CP_TERMINAL_COMPROMISE_RATE_30D) >= 0.05 ? 250 : 0;
        // Evidence about where a card is used, not about the card, may send a payment to review but never decline
        // it (nor, online, flag the card) on its own: the four signals share at most ENTITY_POINTS_MAX.
        final double entityPoints = terminalPoints + compromisePoints + merchantPoints + lastTerminalPoints;
        final double entityScale = entityPoints > ENTITY_POINTS_MAX ? ENTITY_POINTS_MAX / entityPoints : 1.0;
        add(contributions, Feature.TERMINAL_FRAUD_RATE_7D, terminalPoints * entityScale);
        add(contributions, Feature.TERMINAL_COMPROMISE_RATE_30D, compromisePoints * entityScale);
        add(contributions, Feature.MERCHANT_FRAUD_RATE_7D, merchantPoints * entityScale);
        add(contributions, Feature.LAST_CP_TERMINAL_COMPROMISE_RATE_30D, lastTerminalPoints * entityScale);

        add(contributions, Feature.CHIP_CARD_FALLBACK, f.get(Feature.CHIP_CARD_FALLBACK) * 250);
        add(contributions, Feature.FALLBACK_ENTRY, f.get(Feature.FALLBACK_ENTRY) * 80);
        add(contributions, Feature.HIGH_RISK_MCC, f.get(Feature.HIGH_RISK_MCC) * 100);
        if (f.get(Feature.NEW_CARD) > 0 && f.get(Feature.CARD_NOT_PRESENT) > 0 && amount >= 500) {
            add(contributions, Feature.NEW_CARD, 150);
        }

        double total = 0;
        for (final double points : contributions) {
            total += points;
        }
        return (int)Math.min(1000, Math.max(0, Math.round(total)));
    }

    private static Feature busier(final FeatureVector f, final Feature cardPresent, final Feature cardNotPresent) {
        return f.get(cardNotPresent) >= f.get(cardPresent) ? cardNotPresent : cardPresent;
    }

    private static void add(final double[] contributions, final Feature feature, final double points) {
        contributions[feature.ordinal()] += points;
    }
}
