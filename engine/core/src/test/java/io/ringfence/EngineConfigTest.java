package io.ringfence;

import io.ringfence.api.Action;
import io.ringfence.api.Fingerprint;
import io.ringfence.api.JournalConfig;
import io.ringfence.api.StandInPolicy;
import io.ringfence.api.StoreCapacities;
import io.ringfence.api.ThreadingMode;
import io.ringfence.api.WaitStrategyKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineConfigTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        final EngineConfig config = EngineConfig.builder().developmentFingerprintKey().build();
        assertEquals(EngineConfig.RING_SIZE_DEFAULT, config.ringSize());
        assertEquals(StoreCapacities.CARDS_DEFAULT, config.capacities().cards());
        assertEquals(config.threadingMode() == ThreadingMode.SHARED ? WaitStrategyKind.YIELDING
            : WaitStrategyKind.PHASED_BACKOFF, config.waitStrategy(), "the wait strategy follows the threading mode");
        assertEquals(WaitStrategyKind.YIELDING, EngineConfig.builder().developmentFingerprintKey()
            .threadingMode(ThreadingMode.SHARED).build().waitStrategy());
        assertEquals(WaitStrategyKind.PHASED_BACKOFF, EngineConfig.builder().developmentFingerprintKey()
            .threadingMode(ThreadingMode.DEDICATED).build().waitStrategy());
        assertEquals(EngineConfig.CALLER_SPIN_DEFAULT, config.callerSpin());
        assertEquals(EngineConfig.CALLER_YIELD_DEFAULT, config.callerYield());
        assertFalse(config.singleProducer());
        assertFalse(config.pinEngineThread());
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
        assertRefused("flagCapacity", EngineConfig.builder().developmentFingerprintKey().flagCapacity(0));
        assertRefused("maxAmountMinor", EngineConfig.builder().developmentFingerprintKey().maxAmountMinor(0));
        assertRefused("defaultDeadline", EngineConfig.builder().developmentFingerprintKey().defaultDeadline(Duration.ZERO));
        assertRefused("fingerprintKey", EngineConfig.builder());
        assertRefused("fingerprintKey", EngineConfig.builder().fingerprintKey(new byte[31]));
        assertRefused("callerWait", EngineConfig.builder().developmentFingerprintKey()
            .callerWait(Duration.ofNanos(-1), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> JournalConfig.in(Path.of("j")).withMaxBatch(0));
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
        assertTrue(config.toString().contains("<32 bytes, check " + config.keyCheckValue() + ">"), config.toString());
    }

    @Test
    void noPublicMethodOfTheFacadeReturnsTheKeyOrComputesAFingerprint() {
        for (final Class<?> facade : List.of(Engine.class, EngineConfig.class, EngineConfig.Builder.class,
            OfflineEngine.class)) {
            for (final Method method : facade.getMethods()) {
                assertFalse(method.getReturnType() == byte[].class, facade.getSimpleName() + "." + method.getName()
                    + " returns bytes");
                assertFalse(method.getReturnType() == Fingerprint.class && method.getParameterCount() == 1
                    && method.getParameterTypes()[0] == String.class, facade.getSimpleName() + "." + method.getName()
                    + " fingerprints a card number");
            }
        }
    }

    @Test
    void theKeyCheckValueNamesTheKeyWithoutRevealingIt() {
        final EngineConfig a = EngineConfig.builder().fingerprintKey(new byte[32]).build();
        final byte[] other = new byte[32];
        other[31] = 1;
        final EngineConfig b = EngineConfig.builder().fingerprintKey(other).build();
        assertEquals(16, a.keyCheckValue().length());
        assertEquals(a.keyCheckValue(), EngineConfig.builder().fingerprintKey(new byte[32]).build().keyCheckValue());
        assertNotEquals(a.keyCheckValue(), b.keyCheckValue());
    }

    @Test
    void theDevelopmentKeyIsRefusedWithAJournalUnlessSaidOutLoud(@TempDir final Path dir) {
        final EngineConfig.Builder demo = EngineConfig.builder().developmentFingerprintKey()
            .journal(JournalConfig.in(dir));
        assertRefused("public development key", demo);
        assertTrue(demo.insecureDevelopmentKeyWithJournal().build().usesDevelopmentKey());
        assertTrue(EngineConfig.builder().developmentFingerprintKey().build().toString()
            .contains("THE PUBLIC DEVELOPMENT KEY"));
    }

    @Test
    void aKeyComesFromAHexFileAndABadFileIsRefusedWithoutShowingIt(@TempDir final Path dir) throws IOException {
        final Path good = Files.writeString(dir.resolve("key.hex"), "  " + "ab".repeat(32) + "\n");
        final EngineConfig config = EngineConfig.builder().fingerprintKeyFile(good).build();
        assertEquals(EngineConfig.builder().fingerprintKey(HexFormat.of().parseHex("ab".repeat(32))).build()
            .keyCheckValue(), config.keyCheckValue());
        final Path shortKey = Files.writeString(dir.resolve("short.hex"), "4111111111111111");
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> EngineConfig.builder().fingerprintKeyFile(shortKey));
        assertTrue(e.getMessage().contains("at least 64 hex digits"), e.getMessage());
        assertFalse(e.getMessage().contains("4111111111111111"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> EngineConfig.builder().fingerprintKeyFile(dir.resolve("missing.hex")));
        assertThrows(IllegalArgumentException.class,
            () -> EngineConfig.builder().fingerprintKeyFromEnvironment("RINGFENCE_TEST_SURELY_UNSET_VARIABLE"));
    }

    private static void assertRefused(final String setting, final EngineConfig.Builder builder) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().contains(setting), e.getMessage());
    }
}
