package io.ringfence.demo;

import io.ringfence.api.Action;
import io.ringfence.api.Channel;
import io.ringfence.api.Decision;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Decisions counted by channel and action, by response code, and stand-ins by why. */
public final class DecisionTally {
    private final long[][] byChannelAndAction = new long[Channel.values().length][Action.values().length];
    private final Map<ResponseCode, Long> byCode = new EnumMap<>(ResponseCode.class);
    private final Map<ReasonCode, Long> standIns = new EnumMap<>(ReasonCode.class);
    private long total;

    static DecisionTally of(final List<EventOutcome> outcomes) {
        final DecisionTally tally = new DecisionTally();
        for (final EventOutcome outcome : outcomes) {
            if (outcome.isAuthorization()) {
                tally.add(outcome.authorization().channel(), outcome.decision());
            }
        }
        return tally;
    }

    private void add(final Channel channel, final Decision decision) {
        total++;
        byChannelAndAction[channel.ordinal()][decision.action().ordinal()]++;
        byCode.merge(decision.responseCode(), 1L, Long::sum);
        if (decision.standIn()) {
            standIns.merge(decision.primaryReason(), 1L, Long::sum);
        }
    }

    public long total() {
        return total;
    }

    public long count(final Channel channel, final Action action) {
        return byChannelAndAction[channel.ordinal()][action.ordinal()];
    }

    public long count(final Channel channel) {
        long sum = 0;
        for (final long n : byChannelAndAction[channel.ordinal()]) {
            sum += n;
        }
        return sum;
    }

    public long count(final Action action) {
        long sum = 0;
        for (final long[] row : byChannelAndAction) {
            sum += row[action.ordinal()];
        }
        return sum;
    }

    /** Counts by response code, in code order; codes never given are absent. */
    public Map<ResponseCode, Long> byCode() {
        return new EnumMap<>(byCode);
    }

    /** Stand-in decisions by reason (deadline, ring full, engine stopped). */
    public Map<ReasonCode, Long> standIns() {
        return new EnumMap<>(standIns);
    }

    public long standInTotal() {
        return standIns.values().stream().mapToLong(Long::longValue).sum();
    }
}
