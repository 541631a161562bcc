package io.ringfence.decision;

import io.ringfence.EngineConfig;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.CardRef;
import io.ringfence.api.Fingerprint;
import io.ringfence.api.FraudReportKind;
import io.ringfence.api.StoreCapacities;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.EventType;
import io.ringfence.event.QueryKind;
import io.ringfence.event.Rejection;
import io.ringfence.features.FeatureVector;
import io.ringfence.hashing.StableHash;
import io.ringfence.ingress.CardFingerprinter;
import io.ringfence.ingress.Ingress;
import io.ringfence.metrics.EngineCounters;
import io.ringfence.scoring.BuiltInPolicyScorer;
import io.ringfence.scoring.DecisionThresholds;
import io.ringfence.scoring.Scorer;

import java.nio.charset.StandardCharsets;

/**
 * The business logic without the ring: ingress and the {@link RiskEngine} on the test thread, one event at a
 * time, as the business-logic stage would see them. Each call returns the processed event.
 */
public final class RiskEngineHarness {
    public static final byte[] KEY = "risk-engine-harness-secret-key-0123".getBytes(StandardCharsets.US_ASCII);

    private final EngineCounters counters = new EngineCounters();
    private final Ingress ingress = new Ingress(new CardFingerprinter(KEY), EngineConfig.MAX_AMOUNT_MINOR_DEFAULT,
        () -> {
            throw new AssertionError("the harness gives every event its time");
        });
    private final RiskEngine engine;
    private long sequence;

    public RiskEngineHarness() {
        this(64, new BuiltInPolicyScorer());
    }

    public RiskEngineHarness(final int cardCapacity, final Scorer scorer) {
        engine = new RiskEngine(new StoreCapacities(cardCapacity, 64, 64, 16, 1024, 1024), scorer, new DecisionPolicy(DecisionThresholds.DEFAULT),
            counters);
    }

    public EngineEvent authorize(final AuthorizationRequest request) {
        final EngineEvent event = staged(EventType.AUTHORIZE);
        ingress.decodeAuthorization(request, event);
        return process(event);
    }

    public EngineEvent reportFraud(final CardRef card, final long timeMillis, final String merchantId,
        final String terminalId) {
        final EngineEvent event = staged(EventType.REPORT_FRAUD);
        event.eventTimeMillis = timeMillis;
        event.reportKind = FraudReportKind.ISSUER_REPORT;
        event.merchantKey = StableHash.of(merchantId);
        event.terminalKey = StableHash.of(merchantId, terminalId);
        requireReadable(ingress.decodeCard(card, event));
        return process(event);
    }

    public EngineEvent clearFlag(final CardRef card, final long timeMillis) {
        final EngineEvent event = staged(EventType.CLEAR_FLAG);
        event.eventTimeMillis = timeMillis;
        requireReadable(ingress.decodeCard(card, event));
        return process(event);
    }

    public EngineEvent linkToken(final CardRef token, final CardRef card, final long timeMillis) {
        final EngineEvent cardEvent = new EngineEvent();
        cardEvent.clear();
        requireReadable(ingress.decodeCard(card, cardEvent));
        final EngineEvent event = staged(EventType.LINK_TOKEN);
        event.eventTimeMillis = timeMillis;
        event.linkedFingerprintHigh = cardEvent.fingerprintHigh;
        event.linkedFingerprintLow = cardEvent.fingerprintLow;
        requireReadable(ingress.decodeCard(token, event));
        return process(event);
    }

    public EngineEvent reverse(final String merchantId, final String requestId, final long timeMillis) {
        final EngineEvent event = staged(EventType.REVERSE);
        event.eventTimeMillis = timeMillis;
        event.merchantKey = StableHash.of(merchantId);
        event.requestId = requestId;
        return process(event);
    }

    public String dump() {
        final EngineEvent event = staged(EventType.QUERY);
        event.queryKind = QueryKind.STATE_DUMP;
        return (String)process(event).queryResult;
    }

    public Fingerprint fingerprint(final String cardNumber) {
        return ingress.fingerprintOf(cardNumber);
    }

    /** The features of the last authorization that reached the scorer. */
    public FeatureVector features() {
        return engine.lastFeatures();
    }

    public long stateDigest() {
        return engine.stateDigest();
    }

    public RiskEngine engine() {
        return engine;
    }

    public EngineCounters counters() {
        return counters;
    }

    private static EngineEvent staged(final EventType type) {
        final EngineEvent event = new EngineEvent();
        event.clear();
        event.type = type;
        return event;
    }

    private EngineEvent process(final EngineEvent event) {
        engine.apply(event, sequence++);
        return event;
    }

    private static void requireReadable(final Rejection problem) {
        if (problem != null) {
            throw new IllegalArgumentException("unreadable card: " + problem);
        }
    }
}
