package io.ringfence.models;

import io.ringfence.OfflineEngine;
import io.ringfence.api.Channel;
import io.ringfence.api.Fingerprint;
import io.ringfence.api.FlagReason;
import io.ringfence.api.ReasonCode;
import io.ringfence.models.data.ReplayRow;
import io.ringfence.models.training.FeatureReplay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Watches a replay for what the cross-channel flags did in the window: how many the engine raised, how many of those
 * were on cards that had fraud (a fraud label anywhere in the file up to the window's end, before or after the flag),
 * and how many genuine in-store payments were refused because their card was flagged.
 *
 * <p>Flags raised by fraud reports (the labels, arriving after the delay) are always on fraud cards; they are counted
 * apart from the flags the scorer's decisions and the card-testing rule raised, which are the ones a scorer answers for.
 * So are the genuine payments refused for each: a file whose card column names the customer (the handbook's) has them
 * pay on under the same reference after a report, where a real customer would have a new card, so refusals for a
 * report's flag say more about the file than about the engine.
 */
public final class FlagAudit implements FeatureReplay.Visitor {
    private final FeatureReplay.Visitor delegate;
    private final long fromMillis;
    private final Set<Fingerprint> fraudCards = new HashSet<>();
    private final List<Fingerprint> decisionFlags = new ArrayList<>();
    private final List<Fingerprint> reportFlags = new ArrayList<>();
    private final Map<Fingerprint, FlagReason> lastFlag = new HashMap<>();
    private final List<Fingerprint> genuineCardPresentRefused = new ArrayList<>();
    private long genuineCardPresent;
    private long genuineCardPresentRefusedForReports;

    /** What the flags did in the window. */
    /**
     * @param genuineCardPresentRefusedOnFraudCards of {@code genuineCardPresentRefused}, those of cards that had fraud:
     *                                              the owner of a compromised card, refused until it is replaced;
     *                                              the rest are the cost of false flags
     */
    public record Result(long decisionFlags, long decisionFlagsOnFraudCards, long reportFlags, long genuineCardPresent,
                         long genuineCardPresentRefused, long genuineCardPresentRefusedOnFraudCards,
                         long genuineCardPresentRefusedForReports) {
        public long flags() {
            return decisionFlags + reportFlags;
        }

        /** Flags on cards that had fraud over all flags; 1 when none was raised. */
        public double precision() {
            return flags() == 0 ? 1.0 : (double)(decisionFlagsOnFraudCards + reportFlags) / flags();
        }

        /** The same for the flags decisions raised, without the fraud reports' always-right ones. */
        public double decisionPrecision() {
            return decisionFlags == 0 ? 1.0 : (double)decisionFlagsOnFraudCards / decisionFlags;
        }

        /** Genuine in-store payments refused for a flag a decision raised, over all genuine in-store payments. */
        public double genuineCardPresentRefusedRate() {
            return genuineCardPresent == 0 ? 0.0 : (double)genuineCardPresentRefused / genuineCardPresent;
        }

        /** The same, counting only cards that had no fraud: refusals for false flags. */
        public double genuineCardPresentFalselyRefusedRate() {
            return genuineCardPresent == 0 ? 0.0
                : (double)(genuineCardPresentRefused - genuineCardPresentRefusedOnFraudCards) / genuineCardPresent;
        }

        /** One line for the command's output. */
        public String text() {
            return String.format(Locale.ROOT, "flags %,d, %.2f%% on cards that had fraud (raised by decisions %,d,"
                    + " %.2f%%; by fraud reports %,d); genuine in-store payments refused for a decision's flag %,d of"
                    + " %,d (%.4f%%; on cards that had fraud %,d, on cards that had none %.4f%%), for a report's %,d",
                flags(), 100 * precision(), decisionFlags, 100 * decisionPrecision(), reportFlags,
                genuineCardPresentRefused, genuineCardPresent, 100 * genuineCardPresentRefusedRate(),
                genuineCardPresentRefusedOnFraudCards, 100 * genuineCardPresentFalselyRefusedRate(),
                genuineCardPresentRefusedForReports);
        }

        /** JSON members, without braces. */
        public String jsonMembers() {
            return String.format(Locale.ROOT, "\"flags\":%d,\"flag_precision\":%.6f,\"decision_flags\":%d,"
                    + "\"decision_flag_precision\":%.6f,\"report_flags\":%d,\"genuine_cp\":%d,"
                    + "\"genuine_cp_refused_for_decision_flag\":%d,\"genuine_cp_refused_on_fraud_cards\":%d,"
                    + "\"genuine_cp_refused_for_report_flag\":%d", flags(), precision(), decisionFlags,
                decisionPrecision(), reportFlags, genuineCardPresent, genuineCardPresentRefused,
                genuineCardPresentRefusedOnFraudCards, genuineCardPresentRefusedForReports);
        }
    }

    /**
     * @param delegate   sees every decision too, as if it watched the replay alone
     * @param fromMillis where the audited window starts (it ends with the replay)
     */
    public FlagAudit(final FeatureReplay.Visitor delegate, final long fromMillis) {
        this.delegate = delegate;
        this.fromMillis = fromMillis;
    }

    @Override
    public void windowStarts(final OfflineEngine engine, final long timeMillis) {
        delegate.windowStarts(engine, timeMillis);
    }

    @Override
    public void decided(final ReplayRow row, final OfflineEngine.Outcome outcome, final boolean inWindow) {
        delegate.decided(row, outcome, inWindow);
        if (row.fraud()) {
            fraudCards.add(outcome.fingerprint());
        }
        final boolean audited = row.timeMillis() >= fromMillis;
        if (outcome.flagRaised() != FlagReason.NOT_FLAGGED) {
            lastFlag.put(outcome.fingerprint(), outcome.flagRaised());
            if (audited) {
                decisionFlags.add(outcome.fingerprint());
            }
        }
        if (audited && row.label() == ReplayRow.Label.GENUINE && row.request().channel() == Channel.CP) {
            genuineCardPresent++;
            if (outcome.decision().reasons().contains(ReasonCode.CARD_FLAGGED_ONLINE)) {
                if (lastFlag.get(outcome.fingerprint()) == FlagReason.FRAUD_REPORT) {
                    genuineCardPresentRefusedForReports++;
                } else {
                    genuineCardPresentRefused.add(outcome.fingerprint());
                }
            }
        }
    }

    @Override
    public void reported(final OfflineEngine.Outcome outcome, final long timeMillis) {
        delegate.reported(outcome, timeMillis);
        if (outcome.flagRaised() == FlagReason.FRAUD_REPORT) {
            lastFlag.put(outcome.fingerprint(), FlagReason.FRAUD_REPORT);
            if (timeMillis >= fromMillis) {
                reportFlags.add(outcome.fingerprint());
            }
        }
    }

    /** What the flags did, once the replay is over. */
    public Result result() {
        final long onFraud = decisionFlags.stream().filter(fraudCards::contains).count();
        final long refusedOnFraudCards = genuineCardPresentRefused.stream().filter(fraudCards::contains).count();
        return new Result(decisionFlags.size(), onFraud, reportFlags.size(), genuineCardPresent,
            genuineCardPresentRefused.size(), refusedOnFraudCards, genuineCardPresentRefusedForReports);
    }
}
