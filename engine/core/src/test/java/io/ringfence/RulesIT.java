package io.ringfence;

import io.ringfence.api.Ack;
import io.ringfence.api.Action;
import io.ringfence.api.Decision;
import io.ringfence.api.JournalConfig;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;
import io.ringfence.journal.JournalDump;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.ringfence.TestRequests.MINUTE;
import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardNotPresent;
import static io.ringfence.TestRequests.cardPresent;
import static io.ringfence.TestRequests.smallEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rules through a running engine: loaded through the ring (a file that does not compile refused, the rules in force
 * kept), lists changed live, both journaled, replayed and kept in snapshots, and the deciding rule named in the
 * decision, the stats and the decision journal.
 */
@Timeout(120)
class RulesIT {
    private static final String RULES = """
        list @watched_emails = ['mallory@example.com']
        [big-online] Block if :channel: = 'CNP' and :amount: > 300
        [watched-email] Review if :email: in @watched_emails
        [night] shadow Block if :hour: < 5
        """;

    @TempDir
    Path dir;

    private Path rulesFile(final String text) throws IOException {
        return Files.writeString(dir.resolve("fraud.rules"), text);
    }

    private static Decision online(final Engine engine, final String email, final long amountMinor, final long time) {
        return engine.authorize(cardNotPresent(TestCards.VISA, time).email(email).amountMinor(amountMinor).build());
    }

    @Test
    void rulesLoadThroughTheRingAndABadFileLeavesThemInForce() throws IOException {
        try (Engine engine = Engine.start(smallEngine().build())) {
            assertEquals(Action.APPROVE, online(engine, "jane@example.com", 50_000, T0).action());
            final Ack loaded = engine.loadRules(rulesFile(RULES));
            assertTrue(loaded.isApplied(), loaded.toString());

            final Decision blocked = online(engine, "jane@example.com", 50_000, T0 + MINUTE);
            assertEquals(Action.DECLINE, blocked.action());
            assertEquals(ResponseCode.DO_NOT_HONOUR, blocked.responseCode());
            assertEquals(ReasonCode.RULE, blocked.primaryReason());
            assertEquals("big-online", blocked.ruleName());

            final Path bad = Files.writeString(dir.resolve("bad.rules"), "[x] Block if :amount: >> 1\n");
            final Ack refused = engine.loadRules(bad);
            assertEquals(Ack.Status.REJECTED, refused.status());
            assertEquals(bad + ":1:24: expected an attribute like :amount:, a 'string', a number or true/false, not '>'",
                refused.detail());
            assertEquals("big-online", online(engine, "jane@example.com", 50_000, T0 + 2 * MINUTE).ruleName(),
                "the rules in force stay");
            assertEquals(2L, engine.stats().counter("rules.hits.big-online"));
            assertEquals(0L, engine.stats().counter("rules.shadow.night"));
        }
    }

    @Test
    void aSwitchUnderLoadSplitsTheDecisionsAtItsSequence() throws Exception {
        final Path rules = rulesFile("[all-online] Review if :channel: = 'CNP'\n");
        // A new card each time: velocity, declines and flags on one card would keep payments from the rules.
        try (Engine engine = Engine.start(smallEngine().build())) {
            final List<Decision> decisions = Collections.synchronizedList(new ArrayList<>());
            final AtomicBoolean stop = new AtomicBoolean();
            final Thread gateway = new Thread(() -> {
                for (long i = 0; !stop.get() || i < 200; i++) {
                    decisions.add(engine.authorize(cardNotPresent(null, T0 + i * 1_000).cardReference("card-" + i)
                        .build()));
                }
            }, "test-gateway");
            gateway.start();
            while (decisions.size() < 100) {
                Thread.onSpinWait();
            }
            final Ack loaded = engine.loadRules(rules);
            stop.set(true);
            gateway.join();
            assertTrue(loaded.isApplied(), loaded.toString());
            synchronized (decisions) {
                for (final Decision decision : decisions) {
                    assertEquals(decision.sequence() > loaded.sequence() ? "all-online" : null, decision.ruleName(),
                        "decision at sequence " + decision.sequence() + ", rules switched at " + loaded.sequence());
                }
                assertTrue(decisions.stream().anyMatch(d -> d.sequence() > loaded.sequence()));
            }
        }
    }

    @Test
    void listsChangeLiveAndRefuseWhatTheyCannotHold() throws IOException {
        try (Engine engine = Engine.start(smallEngine().build())) {
            assertTrue(engine.loadRules(rulesFile(RULES)).isApplied());
            assertNull(online(engine, "eve@example.net", 2_000, T0).ruleName());
            assertEquals(Ack.Status.APPLIED, engine.listAdd("watched_emails", "eve@example.net").status());
            assertEquals(Ack.Status.NO_CHANGE, engine.listAdd("@watched_emails", "eve@example.net").status());
            assertEquals("watched-email", online(engine, "eve@example.net", 2_000, T0 + MINUTE).ruleName());
            assertEquals(Ack.Status.APPLIED, engine.listRemove("watched_emails", "eve@example.net").status());
            assertNull(online(engine, "eve@example.net", 2_000, T0 + 2 * MINUTE).ruleName());

            final Ack unknown = engine.listAdd("nobody", "x");
            assertEquals(Ack.Status.REJECTED, unknown.status());
            assertEquals("the rules in force have no list @nobody", unknown.detail());
        }
    }

    @Test
    void rulesAndListChangesAreReplayedFromTheJournalAndKeptInSnapshots() throws IOException {
        final JournalConfig journal = JournalConfig.in(dir.resolve("journal")).withSnapshotInterval(Duration.ZERO);
        final Path rules = rulesFile(RULES);
        final long digest;
        try (Engine engine = Engine.start(smallEngine().journal(journal).build())) {
            assertTrue(engine.loadRules(rules).isApplied());
            assertTrue(engine.listAdd("watched_emails", "eve@example.net").isApplied());
            assertEquals("watched-email", online(engine, "eve@example.net", 2_000, T0).ruleName());
            digest = engine.stateDigest();
        }
        try (Engine replayed = Engine.start(smallEngine().journal(journal).build())) {
            assertEquals(digest, replayed.stateDigest(), "the journal replays the switch and the list change");
            assertEquals("watched-email", online(replayed, "eve@example.net", 2_000, T0 + MINUTE).ruleName());
            replayed.snapshot();
        }
        try (Engine restored = Engine.start(smallEngine().journal(journal).build())) {
            assertEquals(0, restored.stats().counter("journal.recovered"), "recovered from the snapshot alone");
            assertEquals("watched-email", online(restored, "eve@example.net", 2_000, T0 + 2 * MINUTE).ruleName(),
                "the snapshot carries the list item added live");
            assertEquals("big-online", online(restored, "jane@example.com", 50_000, T0 + 3 * MINUTE).ruleName());
        }
        final List<String> lines = new ArrayList<>();
        JournalDump.decisions(journal.decisionDirectory(), Long.MIN_VALUE, Long.MAX_VALUE, Action.DECLINE, null,
            lines::add);
        assertTrue(lines.stream().anyMatch(line -> line.contains("\"rule\":\"big-online\"")), lines.toString());
        final List<String> inputs = new ArrayList<>();
        JournalDump.inputs(journal.inputDirectory(), Long.MIN_VALUE, Long.MAX_VALUE, null, inputs::add);
        assertTrue(inputs.stream().anyMatch(line -> line.contains("\"type\":\"LIST_ADD\"")
            && line.contains("\"list\":\"watched_emails\"") && !line.contains("eve@")), inputs.toString());
    }
}
