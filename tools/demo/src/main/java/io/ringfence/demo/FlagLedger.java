package io.ringfence.demo;

import io.ringfence.api.FlagReason;
import io.ringfence.synthetic.SyntheticCard;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Walks the outcomes in stream order and pairs every cross-channel block with the flag that caused it. */
public final class FlagLedger {
    private final List<RaisedFlag> raised = new ArrayList<>();
    private final List<CrossChannelBlock> blocks = new ArrayList<>();
    private int cleared;

    private FlagLedger() {
    }

    static FlagLedger of(final List<EventOutcome> outcomes) {
        final FlagLedger ledger = new FlagLedger();
        final Map<SyntheticCard, RaisedFlag> inForce = new IdentityHashMap<>();
        for (final EventOutcome outcome : outcomes) {
            final SyntheticCard card = outcome.event().card();
            if (outcome.clearedFlag()) {
                inForce.remove(card);
                ledger.cleared++;
                continue;
            }
            final FlagReason reason = outcome.flagRaised();
            if (reason != FlagReason.NOT_FLAGGED && !inForce.containsKey(card)) {
                final RaisedFlag flag = new RaisedFlag(outcome, reason);
                inForce.put(card, flag);
                ledger.raised.add(flag);
            }
            if (outcome.isCrossChannelBlock()) {
                ledger.blocks.add(new CrossChannelBlock(outcome, inForce.get(card)));
            }
        }
        return ledger;
    }

    /** Every flag raised, in stream order. */
    public List<RaisedFlag> raised() {
        return List.copyOf(raised);
    }

    /** Every cross-channel block, in stream order. */
    public List<CrossChannelBlock> blocks() {
        return List.copyOf(blocks);
    }

    public int cleared() {
        return cleared;
    }
}
