package io.ringfence.demo;

import io.ringfence.api.FlagReason;
import io.ringfence.synthetic.SyntheticCard;

import io.ringfence.synthetic.SyntheticFraudReport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Walks the outcomes in stream order and pairs every cross-channel block with the flag that caused it. */
public final class FlagLedger {
    private final List<RaisedFlag> raised = new ArrayList<>();
    private final List<CrossChannelBlock> blocks = new ArrayList<>();
    private final Set<SyntheticCard> fraudCards = Collections.newSetFromMap(new IdentityHashMap<>());
    private int cleared;

    private FlagLedger() {
    }

    static FlagLedger of(final List<EventOutcome> outcomes) {
        final FlagLedger ledger = new FlagLedger();
        final Map<SyntheticCard, RaisedFlag> inForce = new IdentityHashMap<>();
        for (final EventOutcome outcome : outcomes) {
            final SyntheticCard card = outcome.event().card();
            if (outcome.event().tag().fraud() || outcome.event() instanceof SyntheticFraudReport) {
                ledger.fraudCards.add(card);
            }
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

    /**
     * Flags raised on cards that had fraud that day (a fraudulent authorization, or a fraud report about the card),
     * whenever in the day the fraud came.
     */
    public long raisedOnFraudCards() {
        return raised.stream().filter(flag -> fraudCards.contains(flag.cause().event().card())).count();
    }

    /** Cross-channel blocks of a genuine payment: the cardholder refused in store because of a flag. */
    public long genuineBlocks() {
        return blocks.stream().filter(block -> !block.block().event().tag().fraud()).count();
    }

    /** {@link #genuineBlocks()} on cards that had no fraud that day: the cost of false flags. */
    public long falseFlagBlocks() {
        return blocks.stream().filter(block -> !block.block().event().tag().fraud()
            && !fraudCards.contains(block.block().event().card())).count();
    }

    public int cleared() {
        return cleared;
    }
}
