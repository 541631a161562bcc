package io.ringfence.demo;

import io.ringfence.synthetic.ScenarioKind;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo as {@code ringfence demo} runs it, with the committed default model: the engine accepts the model (so its
 * feature schema is the engine's) and the scenarios' expectations hold with it scoring, but for the known gaps the
 * README lists under Models. The same-day skimming story, whose copies are used online within hours of the pump's
 * first reports: the model learned from generated weeks where copies surface days later and reports a week after
 * that, so it does not weigh a pump's fresh reports as the built-in policy does. And, since the model reads feature
 * schema v3, four of the twelve stolen cards, whose first online purchase it sends to review (scores 625 to 714)
 * instead of declining, so the card is not flagged before the thief's taps; and the false-positive story, whose
 * genuine purchase abroad it no longer declines. The test pins those counts, so any further loss fails it.
 */
class DefaultModelDemoTest {
    private static final Path DEFAULT_MODEL = Path.of("..", "..", "models", "default");

    @Test
    void theScenariosGoAsExpectedWithTheDefaultModel() {
        assertTrue(Files.isRegularFile(DEFAULT_MODEL.resolve("serving.model")), "no " + DEFAULT_MODEL.toAbsolutePath());

        final DemoResult result = DemoRunner.run(DemoOptions.of(DemoOptions.CARDS_DEFAULT, DemoOptions.SEED_DEFAULT).withWarmUp(false)
            .withDeadline(Duration.ofSeconds(10)).withModel(DEFAULT_MODEL));

        assertEquals("default/xgboost", result.stats().scorerVersion());
        final Map<ScenarioKind, Long> unmet = Arrays.stream(ScenarioKind.values())
            .filter(kind -> kind != ScenarioKind.SKIMMED_TERMINAL)
            .flatMap(kind -> result.cases(kind).stream())
            .filter(c -> !c.asExpected())
            .collect(Collectors.groupingBy(ScenarioCase::kind, () -> new EnumMap<>(ScenarioKind.class),
                Collectors.counting()));
        assertEquals(Map.of(ScenarioKind.STOLEN_CARD, 4L, ScenarioKind.FALSE_POSITIVE, 1L), unmet,
            "cases not as expected, by scenario");
    }
}
