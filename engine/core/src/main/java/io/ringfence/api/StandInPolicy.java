package io.ringfence.api;

/** What a caller gets when the engine cannot answer in time or its ring is full. */
public enum StandInPolicy {
    /** Decline with 91 (issuer or switch inoperative): no unscored payment goes through. */
    FAIL_CLOSED(Action.DECLINE, ResponseCode.ISSUER_UNAVAILABLE),
    /** Approve with 00: availability over risk, for merchants that prefer the fraud loss to a lost sale. */
    FAIL_OPEN(Action.APPROVE, ResponseCode.APPROVED);

    private final Action action;
    private final ResponseCode responseCode;

    StandInPolicy(final Action action, final ResponseCode responseCode) {
        this.action = action;
        this.responseCode = responseCode;
    }

    public Action action() {
        return action;
    }

    public ResponseCode responseCode() {
        return responseCode;
    }
}
