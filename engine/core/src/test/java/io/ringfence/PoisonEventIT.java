package io.ringfence;

import io.ringfence.api.Action;
import io.ringfence.api.Decision;
import io.ringfence.api.EngineCounter;
import io.ringfence.api.JournalConfig;
import io.ringfence.api.ResponseCode;
import io.ringfence.features.Feature;
import io.ringfence.features.FeatureSchema;
import io.ringfence.features.FeatureVector;
import io.ringfence.scoring.BuiltInPolicyScorer;
import io.ringfence.scoring.Scorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.ringfence.TestRequests.MINUTE;
import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardPresent;
import static io.ringfence.TestRequests.smallEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An event whose processing throws gets the same answer live, on recovery and on replay, and a restart after it
 * always succeeds: the engine has one way of applying an event, and it answers a failure deterministically.
 */
@Timeout(60)
class PoisonEventIT {
    /** The amount, in minor units, that makes {@link PoisonScorer} throw. */
    private static final long POISON_AMOUNT_MINOR = 66_666;
    private static final List<String> CARDS = TestCards.pans("455601", 10);

    @Test
    void anEventThatThrowsIsAnswered96LiveAndAgainAfterARestartAndOnReplay(@TempDir final Path dir) {
        final JournalConfig journal = JournalConfig.in(dir).withSnapshotInterval(Duration.ZERO);
        final EngineConfig config = smallEngine().journal(journal).scorer(PoisonScorer::new).build();
        final long digest;
        try (Engine engine = Engine.start(config)) {
            for (int i = 0; i < CARDS.size(); i++) {
                final long amount = i == 4 ? POISON_AMOUNT_MINOR : 2_000;
                final Decision d = engine.authorize(cardPresent(CARDS.get(i), T0 + i * MINUTE).amountMinor(amount)
                    .build());
                if (i == 4) {
                    assertEquals(Action.DECLINE, d.action());
                    assertEquals(ResponseCode.SYSTEM_MALFUNCTION, d.responseCode());
                } else {
                    assertEquals(Action.APPROVE, d.action(), "request " + i);
                }
            }
            assertEquals(1, engine.stats().counter(EngineCounter.INTERNAL_ERRORS));
            assertEquals(1, engine.errors().size());
            assertTrue(engine.errors().get(0).contains("poisoned"), engine.errors().get(0));
            digest = engine.stateDigest();
        }
        try (Engine restarted = Engine.start(config)) {
            assertEquals(digest, restarted.stateDigest(), "recovery applies the poison event the way live did");
            assertEquals(1, restarted.stats().counter(EngineCounter.INTERNAL_ERRORS));
        }
        final JournalReplay.Result replay = JournalReplay.run(OfflineEngine.create(config),
            journal.inputDirectory(), journal.decisionDirectory());
        assertEquals(digest, replay.stateDigest());
        assertEquals(CARDS.size(), replay.compared());
        assertEquals(0, replay.differences(), () -> String.join("\n", replay.described()));
    }

    /** The built-in policy, except that it throws for one amount, as a model with a bug might. */
    private static final class PoisonScorer implements Scorer {
        private final BuiltInPolicyScorer policy = new BuiltInPolicyScorer();

        @Override
        public String version() {
            return "poison/1";
        }

        @Override
        public String featureSchemaId() {
            return FeatureSchema.ID;
        }

        @Override
        public int score(final FeatureVector features, final double[] contributions) {
            if (features.get(Feature.AMOUNT) == POISON_AMOUNT_MINOR / 100.0) {
                throw new IllegalStateException("poisoned amount");
            }
            return policy.score(features, contributions);
        }
    }
}
