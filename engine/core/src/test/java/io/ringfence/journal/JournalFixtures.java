package io.ringfence.journal;

import io.ringfence.EngineConfig;
import io.ringfence.TestCards;
import io.ringfence.TestRequests;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.CardRef;
import io.ringfence.api.FraudReportKind;
import io.ringfence.api.StoreCapacities;
import io.ringfence.decision.DecisionPolicy;
import io.ringfence.decision.RiskEngine;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.EventType;
import io.ringfence.hashing.StableHash;
import io.ringfence.ingress.CardFingerprinter;
import io.ringfence.ingress.Ingress;
import io.ringfence.metrics.EngineCounters;
import io.ringfence.scoring.BuiltInPolicyScorer;
import io.ringfence.scoring.DecisionThresholds;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Realistic event streams for journal tests: built by the engine's own ingress from test PANs. */
final class JournalFixtures {
    static final byte[] KEY = "journal-test-fingerprint-key-0123456789".getBytes(StandardCharsets.US_ASCII);

    private JournalFixtures() {
    }

    static Ingress ingress() {
        return new Ingress(new CardFingerprinter(KEY), EngineConfig.MAX_AMOUNT_MINOR_DEFAULT, () -> {
            throw new AssertionError("fixtures give every event its time");
        });
    }

    static RiskEngine riskEngine() {
        return new RiskEngine(new StoreCapacities(1024, 256, 256, 64, 1024, 1024), new BuiltInPolicyScorer(),
            new DecisionPolicy(DecisionThresholds.DEFAULT), new EngineCounters());
    }

    /** The known test PANs plus generated ones. */
    static List<String> pans() {
        final List<String> pans = new ArrayList<>(TestCards.KNOWN);
        pans.addAll(TestCards.pans("45320151", 20));
        return pans;
    }

    /**
     * {@code count} events over {@code pans}: card-present and card-not-present authorizations (some rejected, some
     * by card reference), fraud reports, flag clears and token links, a minute or so apart, deterministic by seed.
     */
    static List<EngineEvent> events(final List<String> pans, final int count, final long seed) {
        final Ingress ingress = ingress();
        final SplittableRandom random = new SplittableRandom(seed);
        final List<EngineEvent> events = new ArrayList<>(count);
        long time = TestRequests.T0;
        for (int i = 0; i < count; i++) {
            time += 1_000L + random.nextInt(120_000);
            final String pan = pans.get(random.nextInt(pans.size()));
            final EngineEvent event = new EngineEvent();
            event.clear();
            final int kind = random.nextInt(100);
            if (kind < 88) {
                event.type = EventType.AUTHORIZE;
                final AuthorizationRequest.Builder request = random.nextBoolean()
                    ? TestRequests.cardPresent(pan, time) : TestRequests.cardNotPresent(pan, time);
                request.amountMinor(100 + random.nextInt(random.nextInt(10) == 0 ? 500_000 : 20_000));
                if (random.nextInt(5) == 0) {
                    request.requestId("req-" + i);
                }
                if (random.nextInt(20) == 0) {
                    request.pan(TestCards.withBadCheckDigit(pan));
                }
                if (random.nextInt(15) == 0) {
                    request.pan(null).cardReference("token-" + random.nextInt(8));
                }
                if (random.nextInt(30) == 0) {
                    request.currency("XXZ");
                }
                if (random.nextInt(10) == 0) {
                    request.deviceId("device-" + random.nextInt(5)).ipCountry(random.nextBoolean() ? "GB" : "US");
                }
                ingress.decodeAuthorization(request.build(), event);
            } else if (kind < 93) {
                event.type = EventType.REPORT_FRAUD;
                event.eventTimeMillis = time;
                event.reportKind = FraudReportKind.values()[random.nextInt(FraudReportKind.values().length)];
                event.merchantKey = StableHash.of("store-1");
                event.terminalKey = StableHash.of("store-1", "till-1");
                event.rejection = ingress.decodeCard(CardRef.pan(pan), event);
            } else if (kind < 97) {
                event.type = EventType.CLEAR_FLAG;
                event.eventTimeMillis = time;
                event.rejection = ingress.decodeCard(CardRef.pan(pan), event);
            } else {
                event.type = EventType.LINK_TOKEN;
                event.eventTimeMillis = time;
                final EngineEvent card = new EngineEvent();
                card.clear();
                ingress.decodeCard(CardRef.pan(pan), card);
                event.rejection = ingress.decodeCard(CardRef.reference("token-" + random.nextInt(8)), event);
                event.linkedFingerprintHigh = card.fingerprintHigh;
                event.linkedFingerprintLow = card.fingerprintLow;
            }
            events.add(event);
        }
        return events;
    }

    /** The outcome of a processed event, for comparing decisions. */
    static String outcome(final EngineEvent event) {
        return event.sequence + " " + event.action + " " + event.responseCode + " " + event.score + " " + event.reason0
            + " " + event.reason1 + " " + event.reason2 + " " + event.flagRaised + " " + event.applied + " "
            + Long.toHexString(event.resolvedFingerprintHigh) + Long.toHexString(event.resolvedFingerprintLow);
    }
}
