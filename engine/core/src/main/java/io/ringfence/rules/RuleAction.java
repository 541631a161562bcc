package io.ringfence.rules;

import io.ringfence.api.Action;

/** What a rule does when it matches, in the order rules are evaluated (Stripe Radar's): the first match decides. */
public enum RuleAction {
    /** Ask for 3-D Secure: the engine's CHALLENGE (1A); card-not-present only, so skipped for in-store payments. */
    REQUEST_3DS("Request 3DS"),
    /** Approve whatever the score says; never overrides a flagged card or card testing, which come first. */
    ALLOW("Allow"),
    /** Decline 05 with reason RULE. */
    BLOCK("Block"),
    /** Approve and queue for an analyst: the engine's REVIEW. */
    REVIEW("Review");

    private final String keyword;

    RuleAction(final String keyword) {
        this.keyword = keyword;
    }

    /**
     * Whether a matching rule of this action decides a payment the score alone would answer with {@code scored}:
     * Allow and Block always do; Request 3DS and Review only add friction, so they decide only over a weaker action (a
     * score's decline stays a decline, a challenge is not turned into a review).
     */
    public boolean decidesOver(final Action scored) {
        return switch (this) {
            case ALLOW, BLOCK -> true;
            case REQUEST_3DS -> scored == Action.APPROVE || scored == Action.REVIEW;
            case REVIEW -> scored == Action.APPROVE;
        };
    }

    /** The action as written in a rules file. */
    public String keyword() {
        return keyword;
    }
}
