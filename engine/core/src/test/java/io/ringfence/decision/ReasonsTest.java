package io.ringfence.decision;

import io.ringfence.TestCards;
import io.ringfence.api.Action;
import io.ringfence.api.ReasonCode;
import io.ringfence.event.EngineEvent;
import io.ringfence.features.Feature;
import io.ringfence.scoring.TestModels;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardNotPresent;
import static io.ringfence.decision.RiskEngineTest.reasons;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reasons name what pushed a score up, and only when it mattered to the decision. */
class ReasonsTest {
    /** Scores the amount in major units, nine tenths of it from the amount and a tenth from a new device. */
    private final RiskEngineHarness h = new RiskEngineHarness(64, TestModels.scoring("test/split",
        (features, contributions) -> {
            final int score = (int)Math.min(1000, features.get(Feature.AMOUNT));
            contributions[Feature.AMOUNT.ordinal()] = 0.9 * score;
            contributions[Feature.NEW_DEVICE.ordinal()] = 0.09 * score;
            contributions[Feature.IP_COUNTRY_MISMATCH.ordinal()] = 0.01 * score;
            contributions[Feature.CARD_AGE_DAYS.ordinal()] = -0.2 * score;
            return score;
        }));

    @Test
    void anApprovalCarriesNoReasons() {
        final EngineEvent approved = h.authorize(cardNotPresent(TestCards.VISA, T0).amountMinor(30_000).build());
        assertEquals(Action.APPROVE, approved.action);
        assertEquals(List.of(), reasons(approved));
    }

    @Test
    void aChallengeNamesOnlyTheContributionsThatMattered() {
        final EngineEvent challenged = h.authorize(cardNotPresent(TestCards.VISA, T0).amountMinor(45_000).build());
        assertEquals(Action.CHALLENGE, challenged.action);
        assertEquals(List.of(ReasonCode.LARGE_AMOUNT), reasons(challenged),
            "the new device and IP country pushed less than a tenth of the score up; the card's age pulled it down");
    }
}
