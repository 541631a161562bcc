package io.ringfence.models.training;

import io.ringfence.Engine;
import io.ringfence.EngineConfig;
import io.ringfence.api.Ack;
import io.ringfence.api.Action;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.CardRef;
import io.ringfence.api.Decision;
import io.ringfence.api.FlagReason;
import io.ringfence.api.FraudReport;
import io.ringfence.api.FraudReportKind;
import io.ringfence.api.ReasonCode;
import io.ringfence.features.Feature;
import io.ringfence.features.FeatureVector;
import io.ringfence.models.data.CsvReplayReader;
import io.ringfence.models.data.GeneratedCsv;
import io.ringfence.models.data.ReplayRow;
import io.ringfence.scoring.BuiltInPolicyScorer;
import io.ringfence.scoring.Scorer;
import io.ringfence.synthetic.GeneratorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replay-mode features equal live features for the same events. The same generated file goes, once, through
 * {@link FeatureReplay} (the training path: an {@code OfflineEngine} driven directly) and, once, through a running
 * {@link Engine}: every row by {@link Engine#authorize}, every fraud by {@link Engine#reportFraud} at its
 * transaction time plus the feedback delay, through ingress, the ring and the business-logic thread. The live engine
 * scores with a scorer that records the feature vector it is handed (then scores as the built-in policy, as a replay
 * does), so the comparison is of the very vectors a model would see, value for value, event by event. Authorizations
 * of already flagged cards are declined before scoring, live and in replay: there the decisions must agree. At the
 * end both engines' state digests must be equal.
 */
class LiveReplayFeatureParityTest {
    private static final Duration DELAY = Duration.ofHours(18);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int CARD_CAPACITY = 4096;

    @TempDir
    Path dir;

    @Test
    void everyLiveFeatureVectorEqualsTheReplayedOne() throws IOException {
        final Path data = dir.resolve("traffic.csv");
        GeneratedCsv.write(new GeneratorConfig(250, 4, 21, GeneratorConfig.FIRST_DAY_DEFAULT), data);

        final List<FeatureRow> replayed = new ArrayList<>();
        final FeatureReplay.Stats stats = new FeatureReplay(DELAY, 0, Long.MAX_VALUE, CARD_CAPACITY)
            .run(data, replayed::add);
        assertEquals(0, stats.rejected());
        assertTrue(stats.reportsApplied() > 0, "fraud reports must reach the engine for this test to mean anything");

        final RecordingScorer recorder = new RecordingScorer();
        final EngineConfig config = EngineConfig.builder().developmentFingerprintKey().trustEventTimes().cardCapacity(CARD_CAPACITY)
            .tokenCapacity(FeatureReplay.TOKEN_CAPACITY_DEFAULT).defaultDeadline(WAIT).scorer(() -> recorder).build();
        int scored = 0;
        int flagged = 0;
        int disputed = 0;
        final Set<String> awaitingClear = new HashSet<>();
        try (Engine engine = Engine.start(config); CsvReplayReader reader = CsvReplayReader.open(data)) {
            final PriorityQueue<Due> due = new PriorityQueue<>(
                Comparator.comparingLong(Due::timeMillis).thenComparingInt(Due::row));
            int index = 0;
            for (ReplayRow row = reader.next(); row != null; row = reader.next(), index++) {
                while (!due.isEmpty() && due.peek().timeMillis() <= row.timeMillis()) {
                    final Ack ack = due.poll().send(engine);
                    assertTrue(ack.isApplied(), ack.toString());
                }
                final Decision decision = engine.authorize(row.request(), WAIT);
                assertFalse(decision.standIn(), "a stand-in decision at row " + index);
                final FeatureRow expected = replayed.get(index);
                final double[] live = recorder.features.poll();
                if (live != null) {
                    scored++;
                    assertArrayEquals(expected.features(), live, () -> "features of row " + expected.id()
                        + " live " + Arrays.toString(live) + " replayed " + Arrays.toString(expected.features()));
                } else {
                    flagged++;
                    assertTrue(decision.primaryReason() == ReasonCode.CARD_FLAGGED
                        || decision.primaryReason() == ReasonCode.CARD_FLAGGED_ONLINE, decision.toString());
                }
                assertEquals(expected.policyScore(), decision.score(), "score of row " + expected.id());
                if (row.fraud()) {
                    final FraudReport report = report(row.request(), row.timeMillis() + DELAY.toMillis());
                    due.add(new Due(report.reportTimeMillis(), index, e -> e.reportFraud(report)));
                } else if (row.label() == ReplayRow.Label.GENUINE && (decision.flagRaised() != FlagReason.NOT_FLAGGED
                    || refusedForAFlag(decision)) && awaitingClear.add(cardText(row.request()))) {
                    disputed++;
                    final long clearTime = row.timeMillis() + FeatureReplay.DISPUTE_DELAY.toMillis();
                    final CardRef card = card(row.request());
                    final String text = cardText(row.request());
                    due.add(new Due(clearTime, index, e -> {
                        awaitingClear.remove(text);
                        return e.clearFlag(card, clearTime);
                    }));
                }
            }
            assertEquals(replayed.size(), index);
            assertEquals(stats.stateDigest(), engine.stateDigest(), "state after the same events");
        }
        assertEquals(stats.flagsDisputed(), disputed);
        assertTrue(recorder.features.isEmpty());
        assertTrue(scored > 1000, "scored " + scored);
        assertTrue(replayed.stream().anyMatch(r -> r.features()[Feature.MERCHANT_FRAUD_REPORTS_30D.ordinal()] > 0),
            "some fraud reports must have reached the features");
        System.out.printf("live vs replay: %d scored events with equal features, %d flagged-card declines,"
            + " %d disputed flags%n", scored, flagged, disputed);
    }

    private static FraudReport report(final AuthorizationRequest request, final long timeMillis) {
        assertNotNull(request.merchantId());
        return new FraudReport(card(request), FraudReportKind.ISSUER_REPORT, timeMillis, request.merchantId(),
            request.terminalId());
    }

    private static boolean refusedForAFlag(final Decision decision) {
        return decision.action() == Action.DECLINE && (decision.primaryReason() == ReasonCode.CARD_FLAGGED
            || decision.primaryReason() == ReasonCode.CARD_FLAGGED_ONLINE);
    }

    private static String cardText(final AuthorizationRequest request) {
        return request.pan() != null ? request.pan() : request.cardReference();
    }

    private static CardRef card(final AuthorizationRequest request) {
        return request.pan() != null ? CardRef.pan(request.pan()) : CardRef.reference(request.cardReference());
    }

    /** A control call due at a time, ordered as the replay orders them: by time, then by the row that caused it. */
    private record Due(long timeMillis, int row, Function<Engine, Ack> call) {
        Ack send(final Engine engine) {
            return call.apply(engine);
        }
    }

    /** Keeps a copy of every feature vector it scores, then scores as the built-in policy. */
    private static final class RecordingScorer implements Scorer {
        private final BuiltInPolicyScorer policy = new BuiltInPolicyScorer();
        private final ConcurrentLinkedQueue<double[]> features = new ConcurrentLinkedQueue<>();

        @Override
        public String version() {
            return policy.version();
        }

        @Override
        public String featureSchemaId() {
            return policy.featureSchemaId();
        }

        @Override
        public int score(final FeatureVector vector, final double[] contributions) {
            features.add(vector.toArray());
            return policy.score(vector, contributions);
        }
    }
}
