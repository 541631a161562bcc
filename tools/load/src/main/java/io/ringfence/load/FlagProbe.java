package io.ringfence.load;

import io.ringfence.Engine;
import io.ringfence.api.Ack;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.Channel;
import io.ringfence.api.Decision;
import io.ringfence.api.EntryMode;
import io.ringfence.api.FraudReport;
import io.ringfence.api.FraudReportKind;
import io.ringfence.demo.EventOutcome;
import io.ringfence.synthetic.Cardholder;
import io.ringfence.synthetic.Merchant;
import io.ringfence.synthetic.MerchantCategory;
import io.ringfence.synthetic.ScenarioTag;
import io.ringfence.synthetic.SyntheticAuthorization;
import io.ringfence.synthetic.SyntheticCard;
import org.HdrHistogram.Histogram;

import java.util.List;

/**
 * Measures flag-to-block while the load runs: reports a card stolen, at once taps it in store, and times the
 * span from the fraud report call to the card-present decision that refuses it (59, CARD_FLAGGED_ONLINE), as a
 * gateway sees it. Then it clears the flag, so the next probe of that card starts clean.
 *
 * <p>The probe cards are kept out of the load, and the taps are at a terminal of the probe's own, so the
 * reports (which also count against the card's last in-store terminal) never mark a terminal of the load as
 * compromised. Each probe is one synthetic minute after the last in event time. Not thread-safe: one probe
 * thread at a time.
 */
final class FlagProbe {
    private static final String MERCHANT_ID = "BENCH-FLAG-PROBE";
    private static final String TERMINAL_ID = "BENCH-FLAG-PROBE-T1";
    private static final long PROBE_SPACING_MILLIS = 60_000L;
    private static final long TAP_AMOUNT_MINOR = 2_500L;

    private final Engine engine;
    private final List<Cardholder> cardholders;
    private final long startMillis;
    private long probes;

    FlagProbe(final Engine engine, final List<Cardholder> cardholders, final long startMillis) {
        if (cardholders.isEmpty()) {
            throw new IllegalArgumentException("the flag probe needs at least one cardholder");
        }
        this.engine = engine;
        this.cardholders = cardholders;
        this.startMillis = startMillis;
    }

    /**
     * Flags a card, taps it, clears it. Records the flag-to-block time in nanoseconds into {@code blocked} when
     * the tap was refused for the flag; otherwise (a stand-in, or the report not applied) returns false.
     */
    boolean probe(final Histogram blocked) {
        final SyntheticCard card = cardholders.get((int)(probes % cardholders.size())).card();
        final long flagMillis = startMillis + probes * PROBE_SPACING_MILLIS;
        probes++;
        final SyntheticAuthorization tap = tap(card, flagMillis + 1_000L);
        final AuthorizationRequest request = tap.toRequest();
        final FraudReport report = FraudReport.of(card.ref(), FraudReportKind.ISSUER_REPORT, flagMillis);

        final long flagNanos = System.nanoTime();
        final Ack ack = engine.reportFraud(report);
        final Decision decision = engine.authorize(request);
        final long blockNanos = System.nanoTime();

        engine.clearFlag(card.ref(), flagMillis + 2_000L);
        final boolean wasBlocked = ack.isApplied() && new EventOutcome(0, tap, decision, null).isCrossChannelBlock();
        if (wasBlocked) {
            blocked.recordValue(Math.min(blockNanos - flagNanos, blocked.getHighestTrackableValue()));
        }
        return wasBlocked;
    }

    private static SyntheticAuthorization tap(final SyntheticCard card, final long timeMillis) {
        final Merchant shop = new Merchant(MERCHANT_ID, MerchantCategory.GROCERY, card.country(),
            List.of(TERMINAL_ID), false);
        return new SyntheticAuthorization("flag-probe-" + timeMillis, timeMillis, card, TAP_AMOUNT_MINOR, shop.currency(),
            Channel.CP, EntryMode.CHIP, shop, TERMINAL_ID, null, null, null, null, null, ScenarioTag.NORMAL);
    }
}
