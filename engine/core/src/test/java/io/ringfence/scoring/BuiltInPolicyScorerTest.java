package io.ringfence.scoring;

import io.ringfence.features.Feature;
import io.ringfence.features.FeatureSchema;
import io.ringfence.features.FeatureVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuiltInPolicyScorerTest {
    private final BuiltInPolicyScorer scorer = new BuiltInPolicyScorer();

    @Test
    void readsTheCurrentFeatureSchema() {
        assertEquals(FeatureSchema.ID, scorer.featureSchemaId());
        assertEquals(BuiltInPolicyScorer.VERSION, scorer.version());
    }

    @Test
    void noSignalScoresZero() {
        final double[] contributions = new double[FeatureSchema.SIZE];
        assertEquals(0, scorer.score(new FeatureVector(), contributions));
        assertEquals(0.0, Arrays.stream(contributions).sum());
    }

    @ParameterizedTest(name = "{0}={1} -> {3} points")
    @CsvSource({
        "AMOUNT,                             1999, AMOUNT,                             0",
        "AMOUNT,                             2000, AMOUNT,                             150",
        "AMOUNT,                             5000, AMOUNT,                             250",
        "NEW_DEVICE,                         1,    NEW_DEVICE,                         150",
        "DISTINCT_DEVICES,                   5,    DISTINCT_DEVICES,                   100",
        "IP_COUNTRY_MISMATCH,                1,    IP_COUNTRY_MISMATCH,                200",
        "BILLING_COUNTRY_MISMATCH,           1,    BILLING_COUNTRY_MISMATCH,           100",
        "FOREIGN_MERCHANT,                   1,    FOREIGN_MERCHANT,                   60",
        "IMPOSSIBLE_TRAVEL,                  1,    IMPOSSIBLE_TRAVEL,                  450",
        "TERMINAL_FRAUD_REPORTS_30D,         50,   TERMINAL_FRAUD_REPORTS_30D,         0",
        "MERCHANT_FRAUD_REPORTS_30D,         50,   MERCHANT_FRAUD_REPORTS_30D,         0",
        "TERMINAL_FRAUD_RATE_7D,             0.19, TERMINAL_FRAUD_RATE_7D,             0",
        "TERMINAL_FRAUD_RATE_7D,             0.2,  TERMINAL_FRAUD_RATE_7D,             300",
        "TERMINAL_FRAUD_RATE_7D,             0.5,  TERMINAL_FRAUD_RATE_7D,             500",
        "MERCHANT_FRAUD_RATE_7D,             0.1,  MERCHANT_FRAUD_RATE_7D,             150",
        "CHIP_CARD_FALLBACK,                 1,    CHIP_CARD_FALLBACK,                 250",
        "FALLBACK_ENTRY,                     1,    FALLBACK_ENTRY,                     80",
        "HIGH_RISK_MCC,                      1,    HIGH_RISK_MCC,                      100",
        "SMALL_CNP_ATTEMPTS_1H,              1,    SMALL_CNP_ATTEMPTS_1H,              0",
        "SMALL_CNP_ATTEMPTS_1H,              3,    SMALL_CNP_ATTEMPTS_1H,              200",
        "SMALL_CNP_ATTEMPTS_1H,              9,    SMALL_CNP_ATTEMPTS_1H,              300",
        "CNP_COUNT_1M,                       3,    CNP_COUNT_1M,                       250",
        "CP_COUNT_1H,                        8,    CP_COUNT_1H,                        180",
        "CNP_COUNT_1H,                       20,   CNP_COUNT_1H,                       300",
        "CP_COUNT_24H,                       20,   CP_COUNT_24H,                       150"})
    void eachSignalAddsItsPointsToItsOwnFeature(final Feature feature, final double value, final Feature credited,
        final int points) {
        final FeatureVector f = new FeatureVector();
        f.set(feature, value);
        final double[] contributions = new double[FeatureSchema.SIZE];
        final int score = scorer.score(f, contributions);
        assertEquals(points, score);
        assertEquals(points, contributions[credited.ordinal()]);
        assertEquals(points, Arrays.stream(contributions).sum(), 1e-9);
    }

    @Test
    void anAmountSpikeNeedsThreeAuthorizationsOfHistory() {
        final FeatureVector f = new FeatureVector();
        f.set(Feature.AMOUNT_TO_AVERAGE_30D, 10);
        f.set(Feature.CP_COUNT_30D, 2);
        assertEquals(0, scorer.score(f, new double[FeatureSchema.SIZE]));
        f.set(Feature.CNP_COUNT_30D, 1);
        assertEquals(350, scorer.score(f, new double[FeatureSchema.SIZE]));
        f.set(Feature.AMOUNT_TO_AVERAGE_30D, 4);
        assertEquals(200, scorer.score(f, new double[FeatureSchema.SIZE]));
    }

    @Test
    void aNewCardOnlineIsRiskyOnlyForLargeAmounts() {
        final FeatureVector f = new FeatureVector();
        f.set(Feature.NEW_CARD, 1);
        f.set(Feature.CARD_NOT_PRESENT, 1);
        f.set(Feature.AMOUNT, 499);
        assertEquals(0, scorer.score(f, new double[FeatureSchema.SIZE]));
        f.set(Feature.AMOUNT, 500);
        final double[] contributions = new double[FeatureSchema.SIZE];
        assertEquals(150, scorer.score(f, contributions));
        assertEquals(150, contributions[Feature.NEW_CARD.ordinal()]);
        f.set(Feature.CARD_NOT_PRESENT, 0);
        assertEquals(0, scorer.score(f, new double[FeatureSchema.SIZE]));
    }

    @Test
    void aCompromisedTerminalCountsOnlyForCardPresentPayments() {
        final FeatureVector f = new FeatureVector();
        f.set(Feature.TERMINAL_FRAUD_RATE_7D, 0.6);
        f.set(Feature.TERMINAL_FRAUD_REPORTS_30D, 2);
        f.set(Feature.TERMINAL_COMPROMISE_RATE_30D, 0.1);
        final double[] contributions = new double[FeatureSchema.SIZE];
        assertEquals(600, scorer.score(f, contributions));
        assertEquals(600 * 500 / 800.0, contributions[Feature.TERMINAL_FRAUD_RATE_7D.ordinal()], 1e-9);
        f.set(Feature.CARD_NOT_PRESENT, 1);
        assertEquals(0, scorer.score(f, new double[FeatureSchema.SIZE]), "an online shop's reports are not a skimmer");
    }

    @ParameterizedTest(name = "{0} compromised cards, rate {1} -> {2} here, {3} at the card's next payment elsewhere")
    @CsvSource({"1, 0.5, 0, 0", "2, 0.04, 0, 0", "2, 0.05, 300, 250", "2, 0.2, 500, 250"})
    void aPointOfCompromiseNeedsTwoCompromisedCardsAndARate(final int cards, final double rate,
        final int pointsHere, final int pointsElsewhere) {
        final FeatureVector here = new FeatureVector();
        here.set(Feature.TERMINAL_FRAUD_REPORTS_30D, cards);
        here.set(Feature.TERMINAL_COMPROMISE_RATE_30D, rate);
        assertEquals(pointsHere, scorer.score(here, new double[FeatureSchema.SIZE]));
        final FeatureVector elsewhere = new FeatureVector();
        elsewhere.set(Feature.LAST_CP_TERMINAL_FRAUD_REPORTS_30D, cards);
        elsewhere.set(Feature.LAST_CP_TERMINAL_COMPROMISE_RATE_30D, rate);
        assertEquals(pointsElsewhere, scorer.score(elsewhere, new double[FeatureSchema.SIZE]));
    }

    @Test
    void aBusyPlaceWithManyReportsButALowFraudRateIsNotSuspect() {
        final FeatureVector f = new FeatureVector();
        f.set(Feature.TERMINAL_FRAUD_REPORTS_30D, 40);
        f.set(Feature.MERCHANT_FRAUD_REPORTS_30D, 40);
        f.set(Feature.TERMINAL_FRAUD_RATE_7D, 0.01);
        f.set(Feature.MERCHANT_FRAUD_RATE_7D, 0.01);
        f.set(Feature.TERMINAL_COMPROMISE_RATE_30D, 0.01);
        assertEquals(0, scorer.score(f, new double[FeatureSchema.SIZE]));
    }

    @Test
    void whereACardIsUsedCanSendAPaymentToReviewButNeverDeclineItAlone() {
        final FeatureVector f = new FeatureVector();
        f.set(Feature.TERMINAL_FRAUD_RATE_7D, 0.5);
        f.set(Feature.MERCHANT_FRAUD_RATE_7D, 0.5);
        f.set(Feature.LAST_CP_TERMINAL_FRAUD_REPORTS_30D, 2);
        f.set(Feature.LAST_CP_TERMINAL_COMPROMISE_RATE_30D, 0.5);
        final double[] contributions = new double[FeatureSchema.SIZE];
        assertEquals(600, scorer.score(f, contributions), "500 + 150 + 250 scaled down to the review threshold");
        assertEquals(600 * 500 / 900.0, contributions[Feature.TERMINAL_FRAUD_RATE_7D.ordinal()], 1e-9);
        assertEquals(600 * 150 / 900.0, contributions[Feature.MERCHANT_FRAUD_RATE_7D.ordinal()], 1e-9);
        f.set(Feature.IP_COUNTRY_MISMATCH, 1);
        assertEquals(800, scorer.score(f, new double[FeatureSchema.SIZE]), "with evidence about the card, a decline");
    }

    @Test
    void velocityIsCreditedToTheBusierChannel() {
        final FeatureVector f = new FeatureVector();
        f.set(Feature.CP_COUNT_1M, 2);
        f.set(Feature.CNP_COUNT_1M, 1);
        final double[] contributions = new double[FeatureSchema.SIZE];
        assertEquals(250, scorer.score(f, contributions));
        assertEquals(250, contributions[Feature.CP_COUNT_1M.ordinal()]);
    }

    @Test
    void contributionsSumToTheScoreWhichIsCappedAt1000() {
        final Random random = new Random(11);
        int capped = 0;
        for (int trial = 0; trial < 20_000; trial++) {
            final FeatureVector f = new FeatureVector();
            for (final Feature feature : Feature.values()) {
                if (random.nextInt(4) == 0) {
                    f.set(feature, random.nextInt(3) == 0 ? random.nextInt(2) : random.nextInt(30) * random.nextDouble()
                        * (feature == Feature.AMOUNT ? 400 : 1));
                }
            }
            final double[] contributions = new double[FeatureSchema.SIZE];
            final int score = scorer.score(f, contributions);
            final double sum = Arrays.stream(contributions).sum();
            assertTrue(score >= 0 && score <= 1000);
            for (final double c : contributions) {
                assertTrue(c >= 0, "the built-in policy only adds points");
            }
            if (sum <= 1000) {
                assertEquals(Math.round(sum), score, "trial " + trial);
            } else {
                assertEquals(1000, score);
                capped++;
            }
        }
        assertTrue(capped > 0 && capped < 20_000, "both sides of the cap were exercised: " + capped);
    }
}
