package io.ringfence.demo;

import io.ringfence.synthetic.Expectation;
import io.ringfence.synthetic.ScenarioKind;
import io.ringfence.synthetic.SyntheticAuthorization;

import java.util.List;

/**
 * One case of a scenario and what the engine made of each of its events.
 *
 * @param kind   the scenario
 * @param number the case number
 * @param events its events, in stream order
 */
public record ScenarioCase(ScenarioKind kind, int number, List<EventOutcome> events) {
    public ScenarioCase {
        events = List.copyOf(events);
    }

    /** The events with an expectation the engine did not meet. */
    public List<EventOutcome> unmet() {
        return events.stream().filter(e -> !e.meetsExpectation()).toList();
    }

    /** Whether the engine met every expectation of the case. */
    public boolean asExpected() {
        return unmet().isEmpty();
    }

    /** Events the scenario expects something of. */
    public long expectations() {
        return events.stream().filter(e -> e.event().tag().expectation() != Expectation.NONE).count();
    }

    /** Fraudulent authorizations of the case. */
    public List<EventOutcome> fraudulent() {
        return events.stream().filter(e -> e.event().tag().fraud() && e.event() instanceof SyntheticAuthorization)
            .toList();
    }

    /** Fraudulent authorizations the engine let through (approved, or approved for review). */
    public List<EventOutcome> fraudLetThrough() {
        return fraudulent().stream().filter(e -> e.decision().isApproved()).toList();
    }
}
