package io.ringfence.scoring;

/**
 * Shared arithmetic of the trained-model scorers: the logistic function, the 0..1000 score of a probability, and
 * the rescaling of log-odds contributions into score points.
 *
 * <p>{@link StrictMath#exp} rather than {@link Math#exp}: the result is the same on every JVM and CPU, so a replay
 * elsewhere reproduces every score bit for bit.
 */
final class ScorePoints {
    /** Below this log-odds distance the secant slope is replaced by the derivative, avoiding cancellation. */
    private static final double SECANT_EPSILON = 1e-9;

    private ScorePoints() {
    }

    static double sigmoid(final double logOdds) {
        return 1.0 / (1.0 + StrictMath.exp(-logOdds));
    }

    /** round(probability x 1000), clamped to 0..1000. */
    static int score(final double probability) {
        return (int)Math.min(1000L, Math.max(0L, Math.round(probability * 1000.0)));
    }

    /**
     * The factor that turns log-odds contributions into score points: the slope of {@code 1000 x sigmoid} on the
     * secant from the baseline log-odds to the event's, so contributions that sum to {@code logOdds - baseline} in
     * log-odds sum to {@code 1000 x (sigmoid(logOdds) - sigmoid(baseline))} in points. Always positive, so every
     * contribution keeps its sign.
     */
    static double pointsPerLogOdd(final double logOdds, final double baseline) {
        final double delta = logOdds - baseline;
        if (Math.abs(delta) < SECANT_EPSILON) {
            final double p = sigmoid(logOdds);
            return 1000.0 * p * (1.0 - p);
        }
        return 1000.0 * (sigmoid(logOdds) - sigmoid(baseline)) / delta;
    }
}
