package io.ringfence;

import io.ringfence.api.Action;
import io.ringfence.api.CardRef;
import io.ringfence.api.Decision;
import io.ringfence.api.EngineCounter;
import io.ringfence.api.FraudReport;
import io.ringfence.api.FraudReportKind;
import io.ringfence.api.ReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static io.ringfence.TestRequests.SECOND;
import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardPresent;
import static io.ringfence.TestRequests.smallEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An adversary who can send any card reference can churn the card and token stores as fast as the engine decides.
 * No amount of it makes the engine forget a flag: flags live in their own store, which eviction does not touch, and
 * a token's link to a flagged card moves there when the token store lets it go.
 */
@Timeout(120)
class FlagsUnderChurnIT {
    private static final List<String> STOLEN = TestCards.pans("455602", 50);

    @Test
    void stolenCardsStayRefusedAfterTwentyThousandNewCardsChurnAFullStore() {
        try (Engine engine = Engine.start(smallEngine().cardCapacity(1024).build())) {
            long time = T0;
            for (final String pan : STOLEN) {
                engine.authorize(cardPresent(pan, time += SECOND).build());
                assertTrue(engine.reportFraud(FraudReport.of(CardRef.pan(pan), FraudReportKind.ISSUER_REPORT,
                    time += SECOND)).isApplied());
            }
            for (int i = 0; i < 20_000; i++) {
                engine.authorize(cardPresent(null, time += SECOND).cardReference("churn-" + i).build());
            }
            assertTrue(engine.stats().counter(EngineCounter.CARD_EVICTIONS) > 19_000, "the card store churned");
            for (final String pan : STOLEN) {
                final Decision tap = engine.authorize(cardPresent(pan, time += SECOND).build());
                assertEquals(Action.DECLINE, tap.action());
                assertEquals(ReasonCode.CARD_FLAGGED_ONLINE, tap.primaryReason());
            }
            assertEquals(STOLEN.size(), engine.stats().counter(EngineCounter.FLAGS_HELD));
        }
    }

    @Test
    void aReportedCardsWalletTokenStaysRefusedAfterTheTokenStoreChurns() {
        try (Engine engine = Engine.start(smallEngine().tokenCapacity(8).build())) {
            final String card = STOLEN.get(0);
            final String token = "wallet-token-of-the-stolen-card";
            assertTrue(engine.linkToken(CardRef.reference(token), CardRef.pan(card), T0).isApplied());
            assertTrue(engine.reportFraud(FraudReport.of(CardRef.pan(card), FraudReportKind.ISSUER_REPORT,
                T0 + SECOND)).isApplied());
            for (int i = 0; i < 50; i++) {
                assertTrue(engine.linkToken(CardRef.reference("other-token-" + i), CardRef.pan(STOLEN.get(1 + i % 40)),
                    T0 + (2 + i) * SECOND).isApplied());
            }
            final Decision tap = engine.authorize(cardPresent(null, T0 + 100 * SECOND).cardReference(token).build());
            assertEquals(Action.DECLINE, tap.action());
            assertEquals(ReasonCode.CARD_FLAGGED_ONLINE, tap.primaryReason());
        }
    }

    @Test
    void aFullFlagStoreRefusesNewFlagsOutLoudAndKeepsEveryOldOne() {
        try (Engine engine = Engine.start(smallEngine().flagCapacity(10).build())) {
            long time = T0;
            for (int i = 0; i < 12; i++) {
                assertTrue(engine.reportFraud(FraudReport.of(CardRef.pan(STOLEN.get(i)),
                    FraudReportKind.ISSUER_REPORT, time += SECOND)).isApplied());
            }
            assertEquals(10, engine.stats().counter(EngineCounter.FLAGS_HELD));
            assertEquals(2, engine.stats().counter(EngineCounter.FLAGS_REFUSED));
            for (int i = 0; i < 12; i++) {
                assertEquals(Action.DECLINE, engine.authorize(cardPresent(STOLEN.get(i), time += SECOND).build())
                    .action(), "card " + i + " is still refused: its flag is in its card record");
            }
        }
    }
}
