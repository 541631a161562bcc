package io.ringfence.decision;

import io.ringfence.api.Action;
import io.ringfence.api.Channel;
import io.ringfence.api.ResponseCode;
import io.ringfence.scoring.DecisionThresholds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecisionPolicyTest {
    private final DecisionPolicy policy = new DecisionPolicy(DecisionThresholds.DEFAULT);

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "0,    CP,  APPROVE",
        "399,  CNP, APPROVE",
        "400,  CNP, CHALLENGE",
        "400,  CP,  REVIEW",
        "599,  CNP, CHALLENGE",
        "600,  CNP, REVIEW",
        "600,  CP,  REVIEW",
        "799,  CP,  REVIEW",
        "800,  CNP, DECLINE",
        "800,  CP,  DECLINE",
        "1000, CP,  DECLINE"})
    void scoresFallIntoTheConfiguredBands(final int score, final Channel channel, final Action expected) {
        assertEquals(expected, policy.actionFor(score, channel));
    }

    @Test
    void bandsFollowTheConfiguredThresholds() {
        final DecisionPolicy strict = new DecisionPolicy(new DecisionThresholds(100, 100, 200));
        assertEquals(Action.APPROVE, strict.actionFor(99, Channel.CNP));
        assertEquals(Action.REVIEW, strict.actionFor(100, Channel.CNP), "an empty challenge band is skipped");
        assertEquals(Action.DECLINE, strict.actionFor(200, Channel.CP));
        final DecisionPolicy never = new DecisionPolicy(new DecisionThresholds(1000, 1000, 1000));
        assertEquals(Action.APPROVE, never.actionFor(999, Channel.CP));
    }

    @Test
    void eachActionHasItsResponseCode() {
        assertEquals(ResponseCode.APPROVED, DecisionPolicy.responseCodeFor(Action.APPROVE));
        assertEquals(ResponseCode.APPROVED, DecisionPolicy.responseCodeFor(Action.REVIEW));
        assertEquals(ResponseCode.ADDITIONAL_AUTHENTICATION_REQUIRED, DecisionPolicy.responseCodeFor(Action.CHALLENGE));
        assertEquals("1A", DecisionPolicy.responseCodeFor(Action.CHALLENGE).code());
        assertEquals(ResponseCode.DO_NOT_HONOUR, DecisionPolicy.responseCodeFor(Action.DECLINE));
    }

    @Test
    void cardTestingIsASmallAttemptAfterFourOrAnyAttemptAfterThreeDeclines() {
        assertFalse(DecisionPolicy.isCardTesting(true, 3, 0));
        assertTrue(DecisionPolicy.isCardTesting(true, 4, 0));
        assertFalse(DecisionPolicy.isCardTesting(false, 10, 0), "a large attempt after small ones is not testing");
        assertFalse(DecisionPolicy.isCardTesting(false, 0, 2));
        assertTrue(DecisionPolicy.isCardTesting(false, 0, 3));
    }

    @Test
    void thresholdsMustBeOrderedWithinTheScoreRange() {
        assertThrows(IllegalArgumentException.class, () -> new DecisionThresholds(-1, 600, 800));
        assertThrows(IllegalArgumentException.class, () -> new DecisionThresholds(700, 600, 800));
        assertThrows(IllegalArgumentException.class, () -> new DecisionThresholds(400, 900, 800));
        assertThrows(IllegalArgumentException.class, () -> new DecisionThresholds(400, 600, 1001));
    }
}
