package io.ringfence.tools.synthetic;

/**
 * A scenario's hold on a cardholder: no other scenario picks them, and their genuine spending stops for
 * {@code [suppressFromMillis, suppressUntilMillis)} (a stolen card stays out of its owner's hands for good).
 *
 * @param suppressFromMillis  first moment without genuine spending
 * @param suppressUntilMillis first moment with genuine spending again ({@link Long#MAX_VALUE}: never)
 */
record Claim(long suppressFromMillis, long suppressUntilMillis) {
    /** The cardholder plays a part but keeps spending as usual. */
    static final Claim KEEP_SPENDING = new Claim(Long.MAX_VALUE, Long.MAX_VALUE);

    /** Genuine spending stops at {@code fromMillis}, for good. */
    static Claim from(final long fromMillis) {
        return new Claim(fromMillis, Long.MAX_VALUE);
    }

    boolean suppresses(final long timeMillis) {
        return timeMillis >= suppressFromMillis && timeMillis < suppressUntilMillis;
    }
}
