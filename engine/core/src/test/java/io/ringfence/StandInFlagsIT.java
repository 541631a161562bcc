package io.ringfence;

import io.ringfence.api.Action;
import io.ringfence.api.CardRef;
import io.ringfence.api.Decision;
import io.ringfence.api.EngineCounter;
import io.ringfence.api.FraudReport;
import io.ringfence.api.FraudReportKind;
import io.ringfence.api.JournalConfig;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;
import io.ringfence.api.StandInPolicy;
import io.ringfence.journal.DecisionJournal;
import io.ringfence.journal.JournalStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.ringfence.TestRequests.SECOND;
import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardNotPresent;
import static io.ringfence.TestRequests.cardPresent;
import static io.ringfence.TestRequests.smallEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Overload never opens the door to a flagged card, and a flood of malformed requests never reaches the ring: stand-ins
 * read the flags on the caller's thread, and malformed requests are answered there.
 */
@Timeout(120)
class StandInFlagsIT {
    private static final String STOLEN = TestCards.VISA;

    @Test
    void failOpenStandInsRefuseAReportedCardWhileThreeThreadsFloodTheRing() throws Exception {
        final EngineConfig config = smallEngine().ringSize(64).standInPolicy(StandInPolicy.FAIL_OPEN).build();
        try (Engine engine = Engine.start(config)) {
            assertTrue(engine.reportFraud(FraudReport.of(CardRef.pan(STOLEN), FraudReportKind.ISSUER_REPORT, T0))
                .isApplied());
            final AtomicBoolean flooding = new AtomicBoolean(true);
            final List<Thread> flooders = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                final List<String> cards = TestCards.pans("45560" + (3 + t), 64);
                final Thread flooder = new Thread(() -> {
                    for (int i = 0; flooding.get() && i < 2_000_000; i++) {
                        engine.authorizeAsync(cardNotPresent(cards.get(i % cards.size()), T0 + SECOND).build());
                    }
                });
                flooders.add(flooder);
                flooder.start();
            }
            final List<CompletableFuture<Decision>> taps = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                taps.add(engine.authorizeAsync(cardPresent(STOLEN, T0 + 2 * SECOND).build(), Duration.ofMillis(1)));
            }
            flooding.set(false);
            for (final Thread flooder : flooders) {
                flooder.join(30_000);
            }
            long standIns = 0;
            for (final CompletableFuture<Decision> tap : taps) {
                final Decision d = tap.get();
                assertEquals(Action.DECLINE, d.action(), d.toString());
                assertEquals(ResponseCode.SUSPECTED_FRAUD, d.responseCode(), d.toString());
                assertEquals(ReasonCode.CARD_FLAGGED_ONLINE, d.primaryReason(), d.toString());
                standIns += d.standIn() ? 1 : 0;
            }
            assertEquals(standIns, engine.stats().counter(EngineCounter.STAND_IN_FLAGGED));
        }
    }

    @Test
    void aStandInRefusesAWalletTokenWhoseCardWasReportedByItsNumber() {
        final Engine engine = Engine.start(smallEngine().standInPolicy(StandInPolicy.FAIL_OPEN).build());
        assertTrue(engine.linkToken(CardRef.reference("phone-wallet"), CardRef.pan(STOLEN), T0).isApplied());
        assertTrue(engine.reportFraud(FraudReport.of(CardRef.pan(STOLEN), FraudReportKind.ISSUER_REPORT,
            T0 + SECOND)).isApplied());
        engine.close();
        final Decision tap = engine.authorize(cardPresent(null, T0 + 2 * SECOND).cardReference("phone-wallet").build());
        assertTrue(tap.standIn(), "the engine is stopped: every answer is a stand-in");
        assertEquals(ResponseCode.SUSPECTED_FRAUD, tap.responseCode(), tap.toString());
        assertEquals(ReasonCode.CARD_FLAGGED_ONLINE, tap.primaryReason());
    }

    @Test
    void malformedRequestsAreAnsweredAtOnceAndNeverJournaled(@TempDir final Path dir) {
        final JournalConfig journal = JournalConfig.in(dir).withSnapshotInterval(Duration.ZERO);
        try (Engine engine = Engine.start(smallEngine().journal(journal).build())) {
            for (int i = 0; i < 10_000; i++) {
                final Decision d = engine.authorize(cardPresent(null, T0 + i).requestId("no-card-" + i).build());
                assertEquals(ResponseCode.INVALID_CARD_NUMBER, d.responseCode());
                assertEquals(ReasonCode.MISSING_PAN, d.primaryReason());
                assertFalse(d.standIn());
            }
            assertEquals(Action.APPROVE, engine.authorize(cardPresent(TestCards.MASTERCARD, T0).build()).action());
            assertEquals(10_000, engine.stats().counter("rejections.MISSING_PAN"));
        }
        assertEquals(1, JournalStats.inputs(journal.inputDirectory()).events(), "only the good request");
        final long[] audited = new long[1];
        DecisionJournal.read(journal.decisionDirectory(), record -> {
            if (record.sequence() == -1 && record.reason0() == ReasonCode.MISSING_PAN) {
                audited[0]++;
            }
        });
        assertEquals(10_000, audited[0], "every caller was told 14, and the audit says so");
    }

    @Test
    void everyStandInACallerGetsIsInTheDecisionJournal(@TempDir final Path dir) throws Exception {
        final JournalConfig journal = JournalConfig.in(dir).withSnapshotInterval(Duration.ZERO);
        long standIns = 0;
        try (Engine engine = Engine.start(smallEngine().ringSize(64).journal(journal).build())) {
            final List<CompletableFuture<Decision>> burst = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                burst.add(engine.authorizeAsync(cardPresent(TestCards.pan("455607", i % 500), T0 + i).build(),
                    Duration.ofMillis(1)));
            }
            for (final CompletableFuture<Decision> d : burst) {
                standIns += d.get().standIn() ? 1 : 0;
            }
        }
        assertTrue(standIns > 0, "the burst overran a 64-slot ring");
        final long[] audited = new long[1];
        DecisionJournal.read(journal.decisionDirectory(), record -> {
            if (record.sequence() == -1 && record.standIn()) {
                audited[0]++;
            }
        });
        assertEquals(standIns, audited[0], "each stand-in a caller got is audited as given");
    }
}
