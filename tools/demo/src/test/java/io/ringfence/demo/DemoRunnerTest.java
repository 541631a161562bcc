package io.ringfence.demo;

import io.ringfence.api.Action;
import io.ringfence.api.Channel;
import io.ringfence.api.FlagReason;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;
import io.ringfence.journal.DecisionJournal;
import io.ringfence.journal.DecisionRecord;
import io.ringfence.journal.JournalReader;
import io.ringfence.synthetic.Cardholder;
import io.ringfence.synthetic.ScenarioKind;
import io.ringfence.synthetic.SyntheticAuthorization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small demo day through a real engine. The deadline is raised so a busy test machine gives no stand-in
 * decisions: these tests are about what the engine decides, not how fast.
 */
class DemoRunnerTest {
    private static final Duration PATIENT = Duration.ofSeconds(10);
    private static DemoResult result;

    @BeforeAll
    static void runTheDemo() {
        result = DemoRunner.run(DemoOptions.of(500, 42).withWarmUp(false).withDeadline(PATIENT));
    }

    @Test
    void everyAuthorizationGetsExactlyOneDecision() {
        assertEquals(result.traffic().authorizations(), result.tally().total());
        assertEquals(result.traffic().events().size(), result.outcomes().size());
        assertEquals(0, result.tally().standInTotal());
        assertTrue(result.outcomes().stream().allMatch(o -> (o.decision() == null) != (o.ack() == null)));
    }

    @Test
    void theStolenCardIsDeclinedOnlineThenBlockedInStore() {
        final ScenarioCase stolen = result.cases(ScenarioKind.STOLEN_CARD).get(0);
        final List<EventOutcome> fraud = stolen.fraudulent();
        final EventOutcome online = fraud.get(0);
        assertEquals(Channel.CNP, online.authorization().channel());
        assertEquals(Action.DECLINE, online.decision().action());
        assertEquals(FlagReason.CNP_FRAUD_DECLINE, online.flagRaised());
        final EventOutcome tap = fraud.get(1);
        assertEquals(Channel.CP, tap.authorization().channel());
        assertEquals(ResponseCode.SUSPECTED_FRAUD, tap.decision().responseCode());
        assertEquals(ReasonCode.CARD_FLAGGED_ONLINE, tap.decision().primaryReason());
        assertTrue(stolen.asExpected());
    }

    @Test
    void theCardTestingCardIsFlaggedAndThenBlockedInStore() {
        final ScenarioCase testing = result.cases(ScenarioKind.CARD_TESTING).get(0);
        assertTrue(testing.events().stream().anyMatch(o -> o.flagRaised() == FlagReason.CARD_TESTING),
            "no attempt was declined for card testing");
        final EventOutcome swipe = testing.fraudulent().get(testing.fraudulent().size() - 1);
        assertTrue(swipe.isCrossChannelBlock());
        assertTrue(testing.asExpected());
    }

    @Test
    void theSkimmedTerminalSendsLaterCustomersToReviewAndCatchesTheCopiedCards() {
        final ScenarioCase skimmed = result.cases(ScenarioKind.SKIMMED_TERMINAL).get(0);
        final List<EventOutcome> atPump = skimmed.events().stream()
            .filter(o -> o.event().tag().step().startsWith("another customer")).toList();
        assertFalse(atPump.isEmpty());
        assertTrue(atPump.stream().allMatch(o -> o.decision().reasons().contains(ReasonCode.COMPROMISED_TERMINAL)));
        assertTrue(skimmed.events().stream().anyMatch(o -> o.isAuthorization()
            && o.decision().reasons().contains(ReasonCode.CARD_AT_COMPROMISED_TERMINAL)));
        assertTrue(skimmed.asExpected(), () -> "unmet: " + skimmed.unmet().size());
    }

    @Test
    void theTravellerIsNeverRefusedInStore() {
        final ScenarioCase falsePositive = result.cases(ScenarioKind.FALSE_POSITIVE).get(0);
        final List<EventOutcome> inStore = falsePositive.events().stream()
            .filter(o -> o.isAuthorization() && o.authorization().cardPresent()).toList();
        assertFalse(inStore.isEmpty());
        assertTrue(inStore.stream().allMatch(o -> o.decision().isApproved()));
        assertTrue(falsePositive.asExpected());
    }

    @Test
    void everyCrossChannelBlockIsPairedWithTheFlagBeforeIt() {
        final List<CrossChannelBlock> blocks = result.flags().blocks();
        assertTrue(blocks.size() >= 4, "blocks: " + blocks.size());
        for (final CrossChannelBlock block : blocks) {
            assertNotNull(block.flag());
            assertTrue(block.flagToBlockMillis() >= 0);
            assertTrue(block.flag().cause().event().card() == block.block().event().card());
        }
        assertEquals(result.stats().counter("flags.blocked.CP"), blocks.size());
    }

    @Test
    void everyScenarioGoesAsExpectedWithSeveralProducers() {
        final DemoResult parallel = DemoRunner.run(DemoOptions.of(500, 42).withWarmUp(false).withDeadline(PATIENT)
            .withProducers(3));
        assertTrue(parallel.allAsExpected());
        assertTrue(result.allAsExpected());
        assertEquals(result.tally().total(), parallel.tally().total());
    }

    @Test
    void aJournaledRunJournalsEveryEventAndReplaysToTheSameDecisions(@TempDir final Path dir) {
        final DemoResult journaled = DemoRunner.run(DemoOptions.of(500, 42).withWarmUp(false).withDeadline(PATIENT)
            .withJournal(dir));
        final long events = journaled.outcomes().size();
        try (JournalReader reader = JournalReader.open(dir.resolve("input"))) {
            assertEquals(events, reader.replay(-1, (event, sequence) -> { }), "every event is in the input journal");
        }
        final List<DecisionRecord> decisions = new ArrayList<>();
        DecisionJournal.read(dir.resolve("decisions"), decisions::add);
        assertEquals(events, decisions.size(), "every decision is in the audit journal");
        assertTrue(DemoReport.render(journaled).contains(dir.toString()), "the report says where the journal is");
    }

    @Test
    void theReportNamesNoCardNumber() {
        final String report = DemoReport.render(result);
        assertTrue(report.contains("CARD_FLAGGED_ONLINE"));
        for (final Cardholder cardholder : result.traffic().population().cardholders()) {
            assertFalse(report.contains(cardholder.card().pan()), "the report shows a card number");
        }
        final SyntheticAuthorization any = (SyntheticAuthorization)result.outcomes().get(0).event();
        assertFalse(any.toRequest().toString().contains(any.card().pan()));
    }
}
