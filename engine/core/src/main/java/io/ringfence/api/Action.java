package io.ringfence.api;

/** What the gateway should do with the authorization. */
public enum Action {
    APPROVE,
    /** Step-up authentication (3-D Secure) before approving; card-not-present only. */
    CHALLENGE,
    /** Approve, and queue for an analyst. */
    REVIEW,
    DECLINE
}
