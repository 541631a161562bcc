package io.ringfence;

import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.Channel;
import io.ringfence.api.EntryMode;

import java.time.Duration;

/**
 * Request builders and engine configurations shared by the tests. Every request carries an explicit
 * transmission time: the business logic takes time only from the event.
 */
public final class TestRequests {
    /** 2024-03-15T10:00:00Z: the tests' clock starts here. */
    public static final long T0 = 1_710_496_800_000L;
    public static final long SECOND = 1_000L;
    public static final long MINUTE = 60 * SECOND;
    public static final long HOUR = 60 * MINUTE;
    public static final long DAY = 24 * HOUR;
    /** Generous, so that a slow machine does not turn decisions into stand-ins. */
    public static final Duration GENEROUS_DEADLINE = Duration.ofSeconds(5);

    private TestRequests() {
    }

    /** A chip purchase of 20.00 USD in a US store with a US card: scores 0 on a card with ordinary history. */
    public static AuthorizationRequest.Builder cardPresent(final String pan, final long timeMillis) {
        return AuthorizationRequest.builder()
            .pan(pan)
            .expiry("1230")
            .amountMinor(2_000)
            .currency("USD")
            .channel(Channel.CP)
            .entryMode(EntryMode.CHIP)
            .merchantId("store-1")
            .terminalId("till-1")
            .mcc(5411)
            .merchantCountry("US")
            .cardCountry("US")
            .transmissionTimeMillis(timeMillis);
    }

    /** An online purchase of 20.00 USD at a US shop from a US device, IP and billing address. */
    public static AuthorizationRequest.Builder cardNotPresent(final String pan, final long timeMillis) {
        return AuthorizationRequest.builder()
            .pan(pan)
            .expiry("1230")
            .amountMinor(2_000)
            .currency("USD")
            .channel(Channel.CNP)
            .entryMode(EntryMode.ECOMMERCE)
            .merchantId("shop-1")
            .mcc(5999)
            .merchantCountry("US")
            .cardCountry("US")
            .ipAddress("203.0.113.7")
            .ipCountry("US")
            .deviceId("device-1")
            .email("jane@example.com")
            .billingCountry("US")
            .transmissionTimeMillis(timeMillis);
    }

    /** Small stores, a generous deadline and the public development key, allowed with a journal (test cards only). */
    public static EngineConfig.Builder smallEngine() {
        return EngineConfig.builder()
            .developmentFingerprintKey()
            .trustEventTimes()
            .insecureDevelopmentKeyWithJournal()
            .ringSize(1024)
            .cardCapacity(1024)
            .merchantCapacity(256)
            .terminalCapacity(256)
            .tokenCapacity(64)
            .defaultDeadline(GENEROUS_DEADLINE);
    }
}
