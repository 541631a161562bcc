package io.ringfence.synthetic;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Day-at-a-time streaming gives the generator's events exactly; cardholders come back on new cards. */
class TrafficGeneratorStreamTest {
    @Test
    void streamingGivesTheSameEventsInTheSameOrderAsGenerating() {
        final GeneratorConfig config = new GeneratorConfig(300, 4, 3, GeneratorConfig.FIRST_DAY_DEFAULT);
        final List<SyntheticEvent> streamed = new ArrayList<>();
        TrafficGenerator.stream(config, streamed::add);
        final List<SyntheticEvent> generated = TrafficGenerator.generate(config).events();
        assertEquals(generated.size(), streamed.size());
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < streamed.size(); i++) {
            // Compared by digest so that a failure prints hex, not card numbers.
            assertEquals(sha256(TrafficGeneratorTest.canonical(generated.get(i))),
                sha256(TrafficGeneratorTest.canonical(streamed.get(i))), "event " + i);
            assertTrue(streamed.get(i).timeMillis() >= previous, "out of time order at " + i);
            previous = streamed.get(i).timeMillis();
        }
    }

    private static String sha256(final String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSmallestPopulationLastsMonthsBecauseReplacedCardsComeBack() {
        final SyntheticTraffic traffic = TrafficGenerator.generate(new GeneratorConfig(GeneratorConfig.CARDS_MINIMUM,
            120, 9, GeneratorConfig.FIRST_DAY_DEFAULT));
        final long lastDay = GeneratorConfig.FIRST_DAY_DEFAULT.plusDays(119).atStartOfDay(java.time.ZoneOffset.UTC)
            .toInstant().toEpochMilli();
        assertTrue(traffic.events().stream().anyMatch(e -> e.tag().fraud() && e.timeMillis() >= lastDay),
            "no fraud on the last day");
        assertTrue(traffic.population().cardholders().stream().anyMatch(c -> c.cards().size() > 2),
            "nobody was defrauded twice");
    }

    @Test
    void aFraudRateOutOfRangeIsRefused() {
        for (final double rate : new double[] {0, -1, GeneratorConfig.FRAUD_RATE_MAXIMUM + 1, Double.NaN}) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GeneratorConfig(100, 1, 1, GeneratorConfig.FIRST_DAY_DEFAULT, rate));
            assertTrue(e.getMessage().contains("fraudRate"), e.getMessage());
        }
    }
}
