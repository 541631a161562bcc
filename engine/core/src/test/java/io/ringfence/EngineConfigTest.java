package io.ringfence;

import io.ringfence.api.Action;
import io.ringfence.api.StandInPolicy;
import io.ringfence.api.StoreCapacities;
import io.ringfence.api.WaitStrategyKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineConfigTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        final EngineConfig config = EngineConfig.builder().developmentFingerprintKey().build();
        assertEquals(EngineConfig.RING_SIZE_DEFAULT, config.ringSize());
        assertEquals(StoreCapacities.CARDS_DEFAULT, config.capacities().cards());
        assertEquals(WaitStrategyKind.PHASED_BACKOFF, config.waitStrategy());
        assertEquals(StandInPolicy.FAIL_CLOSED, config.standInPolicy());
        assertEquals(Duration.ofMillis(25), config.defaultDeadline());
        assertEquals(Action.DECLINE, StandInPolicy.FAIL_CLOSED.action());
        assertEquals("91", StandInPolicy.FAIL_CLOSED.responseCode().code());
        assertEquals(Action.APPROVE, StandInPolicy.FAIL_OPEN.action());
        assertEquals("00", StandInPolicy.FAIL_OPEN.responseCode().code());
    }

    @Test
    void everyBadSettingIsRefusedByName() {
        assertRefused("ringSize", EngineConfig.builder().developmentFingerprintKey().ringSize(1000));
        assertRefused("ringSize", EngineConfig.builder().developmentFingerprintKey().ringSize(1));
        assertRefused("cardCapacity", EngineConfig.builder().developmentFingerprintKey().cardCapacity(0));
        assertRefused("merchantCapacity", EngineConfig.builder().developmentFingerprintKey().merchantCapacity(-1));
        assertRefused("terminalCapacity", EngineConfig.builder().developmentFingerprintKey().terminalCapacity(0));
        assertRefused("tokenCapacity", EngineConfig.builder().developmentFingerprintKey().tokenCapacity(0));
        assertRefused("maxAmountMinor", EngineConfig.builder().developmentFingerprintKey().maxAmountMinor(0));
        assertRefused("defaultDeadline", EngineConfig.builder().developmentFingerprintKey().defaultDeadline(Duration.ZERO));
        assertRefused("fingerprintKey", EngineConfig.builder());
        assertRefused("fingerprintKey", EngineConfig.builder().fingerprintKey(new byte[31]));
    }

    @Test
    void theKeyIsCopiedInAndOutAndNeverPrinted() {
        final byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        final EngineConfig config = EngineConfig.builder().fingerprintKey(key).build();
        key[0] = 'X';
        assertEquals('0', config.fingerprintKey()[0]);
        config.fingerprintKey()[0] = 'Y';
        assertEquals('0', config.fingerprintKey()[0]);
        assertFalse(config.toString().contains("0123456789abcdef"));
        assertTrue(config.toString().contains("<32 bytes>"));
    }

    private static void assertRefused(final String setting, final EngineConfig.Builder builder) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().contains(setting), e.getMessage());
    }
}
