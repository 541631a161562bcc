package io.ringfence.decision;

import io.ringfence.api.Action;
import io.ringfence.api.Channel;
import io.ringfence.api.ResponseCode;
import io.ringfence.event.EngineEvent;
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

    /**
     * A model's card-not-present decline flags the card on the score alone only from here. A flag refuses the
     * cardholder everywhere, in store included, so the score must be far surer than a decline needs to be; below it,
     * only corroboration ({@link #isCardElsewhere}) lets a score flag.
     */
    public static final int MODEL_FLAG_SCORE = 970;

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

    /**
     * Corroboration of a model's suspicion that is not the model's: a card-not-present payment from a device the card
     * was never used with, from a country that is neither the card's nor that of its last in-store use. A thief
     * abroad with the card's details looks like this; a cardholder travelling does not, since their card was used in
     * store where they are.
     *
     * @param ipCountry               the payment's IP country, or {@link EngineEvent#UNKNOWN}
     * @param cardCountry             the card's country, or {@link EngineEvent#UNKNOWN}
     * @param lastCardPresentCountry  the country of the card's last in-store use, or {@link EngineEvent#UNKNOWN}
     * @param newDevice               whether the payment comes from a known device never seen with the card
     */
    public static boolean isCardElsewhere(final short ipCountry, final short cardCountry,
        final short lastCardPresentCountry, final boolean newDevice) {
        return newDevice && ipCountry != EngineEvent.UNKNOWN && cardCountry != EngineEvent.UNKNOWN
            && ipCountry != cardCountry && ipCountry != lastCardPresentCountry;
    }

    /**
     * The action after corroboration: a card-not-present payment the score sends to review, from where the card is
     * not ({@link #isCardElsewhere}), is declined, since approving it lets the thief use the card in store next.
     */
    public Action corroboratedAction(final Action scored, final boolean cardElsewhere) {
        return cardElsewhere && scored == Action.REVIEW ? Action.DECLINE : scored;
    }

    /**
     * Whether a score's card-not-present decline flags the card: never when the cardholder authenticated strongly;
     * from {@link #MODEL_FLAG_SCORE}, or with corroboration.
     */
    public static boolean flagsOnScore(final Action action, final int score, final boolean cardElsewhere,
        final boolean stronglyAuthenticated) {
        return action == Action.DECLINE && !stronglyAuthenticated && (score >= MODEL_FLAG_SCORE || cardElsewhere);
    }

    public DecisionThresholds thresholds() {
        return thresholds;
    }
}
