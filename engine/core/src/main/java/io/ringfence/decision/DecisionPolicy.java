package io.ringfence.decision;

import io.ringfence.api.Action;
import io.ringfence.api.Channel;
import io.ringfence.api.ResponseCode;
import io.ringfence.rules.RuleAction;
import io.ringfence.scoring.DecisionThresholds;

import java.time.Duration;

/**
 * Turns a score into an action and response code, and holds the hard rules that override scores: flagged cards,
 * card testing, and retries (the same merchant and request id within the idempotency window get the first answer).
 */
public final class DecisionPolicy {
    /** A card-not-present attempt at or under this many major units counts as a small (testing) attempt. */
    public static final double SMALL_ATTEMPT_MAJOR = 2.00;
    /** Small card-not-present attempts in the last hour, before this one, that make a small attempt card testing. */
    public static final int CARD_TESTING_SMALL_ATTEMPTS = 4;
    /** Card-not-present declines in the last hour that make the next card-not-present attempt card testing. */
    public static final int CARD_TESTING_DECLINES = 3;

    /** A day, as the engine's configuration defaults to. */
    private static final long IDEMPOTENCY_WINDOW_DEFAULT_MILLIS = Duration.ofHours(24).toMillis();

    private final DecisionThresholds thresholds;
    private final long idempotencyWindowMillis;

    public DecisionPolicy(final DecisionThresholds thresholds) {
        this(thresholds, IDEMPOTENCY_WINDOW_DEFAULT_MILLIS);
    }

    private DecisionPolicy(final DecisionThresholds thresholds, final long idempotencyWindowMillis) {
        this.thresholds = thresholds;
        this.idempotencyWindowMillis = idempotencyWindowMillis;
    }

    /** This policy, with retries recognised within {@code window} of the first request. */
    public DecisionPolicy withIdempotencyWindow(final Duration window) {
        return new DecisionPolicy(thresholds, window.toMillis());
    }

    public long idempotencyWindowMillis() {
        return idempotencyWindowMillis;
    }

    public Action actionFor(final int score, final Channel channel) {
        if (score >= thresholds.decline()) {
            return Action.DECLINE;
        }
        if (score >= thresholds.review()) {
            return Action.REVIEW;
        }
        if (score >= thresholds.challenge()) {
            return channel == Channel.CNP ? Action.CHALLENGE : Action.REVIEW;
        }
        return Action.APPROVE;
    }

    /** Score declines answer 05, not 59, so a fraudster probing the engine learns nothing from the code. */
    public static ResponseCode responseCodeFor(final Action action) {
        return switch (action) {
            case APPROVE, REVIEW -> ResponseCode.APPROVED;
            case CHALLENGE -> ResponseCode.ADDITIONAL_AUTHENTICATION_REQUIRED;
            case DECLINE -> ResponseCode.DO_NOT_HONOUR;
        };
    }

    /** What an analyst's rule does to the payment: Review approves and queues, Request 3DS challenges. */
    public static Action actionFor(final RuleAction action) {
        return switch (action) {
            case REQUEST_3DS -> Action.CHALLENGE;
            case ALLOW -> Action.APPROVE;
            case BLOCK -> Action.DECLINE;
            case REVIEW -> Action.REVIEW;
        };
    }

    /** Whether a card-not-present attempt is card testing, given the card's last hour before it. */
    public static boolean isCardTesting(final boolean smallAttempt, final int smallAttemptsLastHour,
        final int declinesLastHour) {
        return (smallAttempt && smallAttemptsLastHour >= CARD_TESTING_SMALL_ATTEMPTS)
            || declinesLastHour >= CARD_TESTING_DECLINES;
    }

    public DecisionThresholds thresholds() {
        return thresholds;
    }
}
