package io.ringfence.synthetic;

/**
 * A fraud story (or a false alarm) injected into the traffic. Each case claims the cardholders it needs, stops
 * their genuine spending where the story takes over, emits its own tagged events (on later days too, for stories
 * that last) and has the issuer replace the cards whose fraud becomes known.
 */
interface Scenario {
    ScenarioKind kind();

    /** Cases a day in a population of 10,000 cards, at the default fraud rate. */
    double casesPerTenThousandCards();

    /**
     * How many cases of the story a day of traffic from {@code cards} cards holds at {@code fraudRate} times the
     * default rate: the expected count, its fraction rounded up or down at random, and at least one so every story
     * shows in a small population's day.
     */
    default int casesPerDay(final int cards, final double fraudRate, final RandomDraws random) {
        final double expected = casesPerTenThousandCards() * cards / 10_000.0 * fraudRate;
        final int whole = (int)expected;
        return Math.max(1, whole + (random.chance(expected - whole) ? 1 : 0));
    }

    /** Writes one case into the day. */
    void inject(ScenarioContext context);
}
