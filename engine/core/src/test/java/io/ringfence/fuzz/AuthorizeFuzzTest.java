package io.ringfence.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ringfence.Engine;
import io.ringfence.EngineConfig;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.Channel;
import io.ringfence.api.Decision;
import io.ringfence.api.EntryMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Any request, however malformed, gets exactly one decision and never an exception, and no decision repeats a card
 * number it was given. In CI the committed corpus replays; {@code JAZZER_FUZZ=1} explores (see the README).
 */
class AuthorizeFuzzTest {
    private static final Channel[] CHANNELS = Channel.values();
    private static final EntryMode[] ENTRY_MODES = EntryMode.values();
    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = Engine.start(EngineConfig.builder().developmentFingerprintKey().cardCapacity(4096)
            .merchantCapacity(1024).terminalCapacity(1024).tokenCapacity(256).flagCapacity(1024).requestCapacity(4096)
            .defaultDeadline(Duration.ofSeconds(10)).build());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @FuzzTest(maxDuration = "10s")
    void everyRequestGetsOneDecisionAndNoDecisionEchoesItsCard(final FuzzedDataProvider data) {
        final AuthorizationRequest.Builder request = AuthorizationRequest.builder();
        final String card = data.consumeString(24);
        if (data.consumeBoolean()) {
            request.pan(card);
        } else {
            request.cardReference(card);
        }
        request.requestId(data.consumeBoolean() ? data.consumeString(12) : null)
            .expiry(data.consumeString(5))
            .amountMinor(data.consumeLong())
            .currency(data.consumeString(4))
            .channel(data.consumeBoolean() ? data.pickValue(CHANNELS) : null)
            .entryMode(data.consumeBoolean() ? data.pickValue(ENTRY_MODES) : null)
            .merchantId(data.consumeString(8))
            .terminalId(data.consumeString(8))
            .mcc(data.consumeInt())
            .merchantCountry(data.consumeString(3))
            .cardCountry(data.consumeString(3))
            .ipAddress(data.consumeString(16))
            .ipCountry(data.consumeString(3))
            .deviceId(data.consumeString(8))
            .email(data.consumeString(16))
            .billingCountry(data.consumeString(3))
            .transmissionTimeMillis(data.consumeBoolean() ? AuthorizationRequest.NO_TIME : data.consumeLong());
        final Decision decision = engine.authorize(request.build());
        assertNotNull(decision.action());
        assertNotNull(decision.responseCode());
        if (card.length() >= 12 && card.chars().allMatch(Character::isDigit)) {
            // The fingerprint's hex digits and the caller's own request id may hold any digits; nothing else may.
            String said = decision.toString().replace(decision.fingerprint().toString(), "");
            if (decision.requestId() != null && !decision.requestId().isEmpty()) {
                said = said.replace(decision.requestId(), "");
            }
            assertFalse(said.contains(card), "the decision repeats the card number");
        }
    }
}
