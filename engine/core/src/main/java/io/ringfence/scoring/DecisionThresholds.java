package io.ringfence.scoring;

/**
 * Score bands, 0 to 1000: below {@code challenge} approve; from {@code challenge} step-up authentication
 * (card-not-present; card-present approves for review instead); from {@code review} approve and queue for
 * review; from {@code decline} decline.
 */
public record DecisionThresholds(int challenge, int review, int decline) {
    public static final DecisionThresholds DEFAULT = new DecisionThresholds(400, 600, 800);

    public DecisionThresholds {
        if (challenge < 0 || challenge > review || review > decline || decline > 1000) {
            throw new IllegalArgumentException(
                "thresholds must satisfy 0 <= challenge <= review <= decline <= 1000: " + challenge + ", " + review
                    + ", " + decline);
        }
    }
}
