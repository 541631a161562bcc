package io.ringfence.rules;

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

    /** The action as written in a rules file. */
    public String keyword() {
        return keyword;
    }
}
