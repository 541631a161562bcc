package io.ringfence.api;

import java.util.Map;

/**
 * A reading of the engine's counters and latency distributions.
 *
 * @param counters        every counter by name (decisions by action and code, rejections by kind, flags,
 *                        stand-ins, evictions, ...)
 * @param decisionLatency ingress to release of each decision, since start
 * @param flagToBlock     ingress of each flag-raising event to the moment its flag was applied and visible to the
 *                        next event, since start
 * @param bytesPerCard    off-heap bytes of card history per configured card, index included
 * @param scorerVersion   the active scorer
 */
public record EngineStats(Map<String, Long> counters, LatencySummary decisionLatency, LatencySummary flagToBlock,
    double bytesPerCard, String scorerVersion) {

    public EngineStats {
        counters = Map.copyOf(counters);
    }

    public long counter(final EngineCounter counter) {
        return counter(counter.label());
    }

    /**
     * A counter's value by label, a family member's included ({@code decisions.action.DECLINE}).
     *
     * @throws IllegalArgumentException when the engine has no counter by that label: a renamed counter fails loudly
     */
    public long counter(final String label) {
        final Long value = counters.get(label);
        if (value == null) {
            throw new IllegalArgumentException("no counter labelled '" + label + "'");
        }
        return value;
    }
}
