package io.ringfence.decision;

import io.ringfence.TestCards;
import io.ringfence.api.Action;
import io.ringfence.api.CardRef;
import io.ringfence.api.FlagReason;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;
import io.ringfence.event.EngineEvent;
import io.ringfence.features.FeatureSchema;
import io.ringfence.features.FeatureVector;
import io.ringfence.ingress.CardFingerprinter;
import io.ringfence.rules.RulesCompiler;
import io.ringfence.rules.RulesException;
import io.ringfence.scoring.Scorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.ringfence.TestRequests.MINUTE;
import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardNotPresent;
import static io.ringfence.TestRequests.cardPresent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Rules in the decision: after validation, flags, card testing and the score; named in what they decide. */
class RiskEngineRulesTest {
    @TempDir
    Path directory;

    private RiskEngineHarness harness = new RiskEngineHarness();

    private void useRules(final String text) throws IOException, RulesException {
        useRules(harness, text);
    }

    private void useRules(final RiskEngineHarness on, final String text) throws IOException, RulesException {
        final Path file = Files.writeString(directory.resolve("test.rules"), text);
        on.engine().useRules(new RulesCompiler(new CardFingerprinter(RiskEngineHarness.KEY).identifierHash())
            .compile(file));
    }

    @Test
    void aBlockRuleDeclines05WithReasonRuleAndItsNameButDoesNotFlagTheCard() throws Exception {
        useRules("[big-online] Block if :channel: = 'CNP' and :amount: > 300");
        final EngineEvent blocked = harness.authorize(cardNotPresent(TestCards.VISA, T0).amountMinor(50_000).build());
        assertEquals(Action.DECLINE, blocked.action);
        assertEquals(ResponseCode.DO_NOT_HONOUR, blocked.responseCode);
        assertEquals(ReasonCode.RULE, blocked.reason0);
        assertEquals("big-online", blocked.ruleName);

        final EngineEvent next = harness.authorize(cardPresent(TestCards.VISA, T0 + MINUTE).build());
        assertEquals(Action.APPROVE, next.action, "a rule's decline is no evidence of fraud on the card");
        assertNull(next.ruleName);
    }

    @Test
    void reviewAndRequest3dsAddFrictionButNeverWeakenTheScoresDecision() throws Exception {
        harness = new RiskEngineHarness(64, new FixedScorer(DecisionPolicy.MODEL_FLAG_SCORE));
        useRules("[step-up] Request 3DS if :amount: > 0\n[watch] Review if :amount: > 0");
        final EngineEvent declined = harness.authorize(cardNotPresent(TestCards.VISA, T0).build());
        assertEquals(Action.DECLINE, declined.action);
        assertNull(declined.ruleName, "the score decided");
        assertEquals(FlagReason.CNP_FRAUD_DECLINE, declined.flagRaised);

        final RiskEngineHarness challenging = new RiskEngineHarness(64, new FixedScorer(500));
        useRules(challenging, "[watch] Review if :amount: > 0");
        final EngineEvent challenged = challenging.authorize(cardNotPresent(TestCards.VISA, T0).build());
        assertEquals(Action.CHALLENGE, challenged.action, "a challenge is not turned into a review");
        assertNull(challenged.ruleName);

        final RiskEngineHarness reviewing = new RiskEngineHarness(64, new FixedScorer(700));
        useRules(reviewing, "[step-up] Request 3DS if :amount: > 0");
        final EngineEvent steppedUp = reviewing.authorize(cardNotPresent(TestCards.VISA, T0).build());
        assertEquals(Action.CHALLENGE, steppedUp.action);
        assertEquals("step-up", steppedUp.ruleName);
    }

    @Test
    void aBlockRuleOnAPaymentTheScoreDeclinesOnlineStillFlagsTheCardAsTheScoreWould() throws Exception {
        harness = new RiskEngineHarness(64, new FixedScorer(DecisionPolicy.MODEL_FLAG_SCORE));
        useRules("[block] Block if :amount: > 0");
        final EngineEvent blocked = harness.authorize(cardNotPresent(TestCards.VISA, T0).build());
        assertEquals("block", blocked.ruleName);
        assertEquals(FlagReason.CNP_FRAUD_DECLINE, blocked.flagRaised);
    }

    @Test
    void reviewApprovesAndQueuesAndRequest3dsChallengesOnline() throws Exception {
        useRules("""
            [watched] Review if :email: = 'jane@example.com'
            [step-up] Request 3DS if :device_id: = 'device-9'
            """);
        final EngineEvent reviewed = harness.authorize(cardNotPresent(TestCards.VISA, T0).build());
        assertEquals(Action.REVIEW, reviewed.action);
        assertEquals(ResponseCode.APPROVED, reviewed.responseCode);
        assertEquals("watched", reviewed.ruleName);

        final EngineEvent challenged = harness.authorize(cardNotPresent(TestCards.VISA_2, T0).deviceId("device-9")
            .build());
        assertEquals(Action.CHALLENGE, challenged.action);
        assertEquals(ResponseCode.ADDITIONAL_AUTHENTICATION_REQUIRED, challenged.responseCode);
        assertEquals("step-up", challenged.ruleName);
    }

    @Test
    void allowWinsOverBlockButNeverLetsAFlaggedCardThrough() throws Exception {
        useRules("[block-all] Block if :amount: > 0\n[our-cards] Allow if :bin: in (411111)");
        final EngineEvent allowed = harness.authorize(cardPresent(TestCards.VISA, T0).build());
        assertEquals(Action.APPROVE, allowed.action);
        assertEquals("our-cards", allowed.ruleName);
        assertEquals("block-all", harness.authorize(cardPresent(TestCards.MASTERCARD, T0).build()).ruleName);

        harness.reportFraud(CardRef.pan(TestCards.VISA), T0 + MINUTE, "store-1", "till-1");
        final EngineEvent flagged = harness.authorize(cardPresent(TestCards.VISA, T0 + 2 * MINUTE).build());
        assertEquals(Action.DECLINE, flagged.action);
        assertEquals(ResponseCode.SUSPECTED_FRAUD, flagged.responseCode);
        assertEquals(ReasonCode.CARD_FLAGGED_ONLINE, flagged.reason0);
        assertNull(flagged.ruleName);
    }

    @Test
    void cardTestingIsDeclinedBeforeAnyAllowRule() throws Exception {
        useRules("[allow-all] Allow if :amount: > 0");
        EngineEvent last = null;
        for (int i = 0; i < 5; i++) {
            last = harness.authorize(cardNotPresent(TestCards.VISA, T0 + i * MINUTE).amountMinor(100).build());
        }
        assertEquals(ReasonCode.CARD_TESTING, last.reason0);
        assertNull(last.ruleName);
    }

    @Test
    void shadowRulesAreCountedWhileTheScoreDecidesAndHitsAreCountersByName() throws Exception {
        useRules("[night] shadow Block if :amount: > 1\n[huge] Block if :amount: > 5000");
        final EngineEvent event = harness.authorize(cardPresent(TestCards.VISA, T0).build());
        assertEquals(Action.APPROVE, event.action);
        assertNull(event.ruleName);
        harness.authorize(cardPresent(TestCards.VISA, T0 + MINUTE).amountMinor(900_000).build());
        assertEquals(Map.of("rules.shadow.night", 2L, "rules.hits.huge", 1L), harness.engine().ruleHitCounters());
    }

    @Test
    void invalidRequestsAndRetriesNeverReachTheRules() throws Exception {
        useRules("[all] Review if :amount: > 0");
        harness.authorize(cardPresent(TestCards.VISA, T0).currency("XXZ").build());
        final EngineEvent first = harness.authorize(cardPresent(TestCards.VISA, T0).requestId("r-1").build());
        harness.authorize(cardPresent(TestCards.VISA, T0 + MINUTE).requestId("r-1").build());
        assertEquals("all", first.ruleName);
        assertEquals(Map.of("rules.hits.all", 1L), harness.engine().ruleHitCounters());
    }

    /** A model that gives every payment the same score. */
    private record FixedScorer(int fixed) implements Scorer {
        @Override
        public String version() {
            return "fixed/" + fixed;
        }

        @Override
        public String featureSchemaId() {
            return FeatureSchema.ID;
        }

        @Override
        public int score(final FeatureVector features, final double[] contributions) {
            return fixed;
        }
    }
}
