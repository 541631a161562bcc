package io.ringfence.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ringfence.api.StoreCapacities;
import io.ringfence.decision.DecisionPolicy;
import io.ringfence.decision.RiskEngine;
import io.ringfence.metrics.EngineCounters;
import io.ringfence.scoring.BuiltInPolicyScorer;
import io.ringfence.scoring.DecisionThresholds;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;

/**
 * The state loader behind snapshots, on arbitrary bytes past the snapshot file's own checksum: every store refuses
 * what does not fit it with an exception, and no length field makes it allocate without bound.
 */
class SnapshotFuzzTest {
    private final RiskEngine engine = new RiskEngine(new StoreCapacities(64, 16, 16, 8, 16, 64),
        new BuiltInPolicyScorer(), new DecisionPolicy(DecisionThresholds.DEFAULT), new EngineCounters());

    @FuzzTest(maxDuration = "10s")
    void anyStateBytesLoadOrAreRefused(final byte[] state) {
        try {
            engine.readSnapshot(Channels.newChannel(new ByteArrayInputStream(state)));
        } catch (final IOException | IllegalStateException | IllegalArgumentException expected) {
            engine.clearState();
        }
    }
}
