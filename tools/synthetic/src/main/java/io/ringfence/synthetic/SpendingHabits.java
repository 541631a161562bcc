package io.ringfence.synthetic;

/**
 * How one cardholder spends.
 *
 * @param dailyRate        mean authorizations a day
 * @param onlineShare      share of them card-not-present
 * @param spendLevel       multiplier on every category's typical amount
 * @param contactlessShare share of in-store payments tapped (contactless card or phone wallet), the rest by chip
 * @param walletShare      share of taps made with a phone wallet
 */
public record SpendingHabits(double dailyRate, double onlineShare, double spendLevel, double contactlessShare,
    double walletShare) {

    static SpendingHabits draw(final RandomDraws random) {
        final double rate = Math.min(30.0, Math.max(1.5, random.logNormal(8.0, 0.5)));
        return new SpendingHabits(rate, random.between(0.1, 0.5), random.logNormal(1.0, 0.4),
            random.between(0.3, 0.9), random.between(0.0, 0.3));
    }
}
