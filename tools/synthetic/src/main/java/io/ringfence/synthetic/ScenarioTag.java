package io.ringfence.synthetic;

/**
 * Which story an event belongs to and what it is in that story.
 *
 * @param kind        the scenario
 * @param caseNumber  which case of that scenario (1-based; 0 for normal traffic)
 * @param step        what happens, for people ("thief taps in store")
 * @param fraud       whether a fraudster made this event: the ground-truth label
 * @param expectation what the engine should make of it
 */
public record ScenarioTag(ScenarioKind kind, int caseNumber, String step, boolean fraud, Expectation expectation) {
    /** The tag of every ordinary event. */
    public static final ScenarioTag NORMAL = new ScenarioTag(ScenarioKind.NORMAL, 0, "genuine purchase", false,
        Expectation.NONE);

    public boolean isNormal() {
        return kind == ScenarioKind.NORMAL;
    }
}
