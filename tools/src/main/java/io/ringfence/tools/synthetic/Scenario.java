package io.ringfence.tools.synthetic;

/**
 * A fraud story (or a false alarm) injected into a day of traffic. Each case claims the cardholders it needs,
 * stops their genuine spending where the story takes over, and emits its own tagged events.
 */
interface Scenario {
    ScenarioKind kind();

    /** The population that holds one case of the story a day. */
    int cardsPerCase();

    /** How many cases of the story a day of traffic from {@code cards} cards holds; at least one. */
    default int casesPerDay(final int cards) {
        return Math.max(1, cards / cardsPerCase());
    }

    /** Cardholders one case takes for good: no later case picks them again. */
    default int cardholdersPerCase(final int cards) {
        return 1;
    }

    /** Writes one case into the day. */
    void inject(ScenarioContext context);
}
