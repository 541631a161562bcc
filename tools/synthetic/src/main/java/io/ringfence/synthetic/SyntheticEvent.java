package io.ringfence.synthetic;

/** One event of the synthetic traffic, in the time order the engine should see them. */
public sealed interface SyntheticEvent permits SyntheticAuthorization, SyntheticFraudReport, SyntheticFlagClear {
    /** When it happens, epoch milliseconds. */
    long timeMillis();

    /** The card it concerns. */
    SyntheticCard card();

    ScenarioTag tag();
}
