package io.ringfence.demo;

/**
 * A card-present authorization declined 59 CARD_FLAGGED_ONLINE, with the flag that blocked it.
 *
 * @param block the blocked authorization
 * @param flag  the flag in force, as raised earlier in the stream; null if the demo saw no flag raised (which
 *              would mean the engine flagged the card for a reason its decisions do not show)
 */
public record CrossChannelBlock(EventOutcome block, RaisedFlag flag) {
    /** Synthetic-day time from the flag to the block. */
    public long flagToBlockMillis() {
        return flag == null ? -1 : block.event().timeMillis() - flag.timeMillis();
    }
}
