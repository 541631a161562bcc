package io.ringfence.snapshot;

import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.CardRef;
import io.ringfence.api.Channel;
import io.ringfence.api.EntryMode;
import io.ringfence.decision.RiskEngineHarness;
import io.ringfence.event.EngineEvent;

import java.util.Random;

import static io.ringfence.TestRequests.MINUTE;
import static io.ringfence.TestRequests.T0;

/**
 * A seeded mix of every state-changing event: card-present and card-not-present authorizations (some risky enough
 * to be declined and flag the card), fraud reports, token links and flag clears, over more cards, merchants and
 * terminals than the harness's stores hold, so every store evicts. Cards are opaque references: no card number.
 * The same seed and step give the same event, so two engines can be fed identical traffic.
 */
final class ScriptedTraffic {
    private final long seed;

    ScriptedTraffic(final long seed) {
        this.seed = seed;
    }

    /** Applies step {@code step} (any number; time advances with it) to the harness and returns the outcome. */
    EngineEvent apply(final RiskEngineHarness harness, final int step) {
        final Random random = new Random(seed * 1_000_003L + step);
        final long time = T0 + step * 7 * MINUTE;
        final CardRef card = CardRef.reference("card-" + random.nextInt(120));
        final int kind = random.nextInt(100);
        if (kind < 6) {
            return harness.reportFraud(card, time, "merchant-" + random.nextInt(90), "till-" + random.nextInt(3));
        }
        if (kind < 10) {
            return harness.linkToken(CardRef.reference("token-" + random.nextInt(30)), card, time);
        }
        if (kind < 13) {
            return harness.clearFlag(card, time);
        }
        final boolean risky = kind >= 93;
        final AuthorizationRequest.Builder request = AuthorizationRequest.builder()
            .cardReference(kind < 20 ? "token-" + random.nextInt(30) : "card-" + random.nextInt(120))
            .amountMinor(risky ? 400_000 + random.nextInt(400_000) : 100 + random.nextInt(20_000))
            .currency("USD")
            .merchantId("merchant-" + random.nextInt(90))
            .mcc(5411)
            .merchantCountry("US")
            .cardCountry("US")
            .transmissionTimeMillis(time);
        if (kind < 55) {
            request.channel(Channel.CP).entryMode(EntryMode.CHIP).terminalId("till-" + random.nextInt(3));
        } else {
            request.channel(Channel.CNP).entryMode(EntryMode.ECOMMERCE)
                .ipAddress(risky ? "192.0.2." + random.nextInt(200) : "203.0.113.7")
                .ipCountry(risky ? "RU" : "US")
                .deviceId(risky ? "device-" + random.nextInt(1_000) : "device-1")
                .billingCountry(risky ? "RU" : "US");
        }
        return harness.authorize(request.build());
    }
}
