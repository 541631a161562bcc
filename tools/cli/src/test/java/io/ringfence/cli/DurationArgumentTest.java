package io.ringfence.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Durations on the command line. */
class DurationArgumentTest {
    private final DurationArgument argument = new DurationArgument();

    @ParameterizedTest(name = "{0}")
    @CsvSource({"10s, 10000", "1m, 60000", "500ms, 500", "30, 30000", "1.5s, 1500", "0, 0", "0.25, 250"})
    void readsSecondsMinutesAndMilliseconds(final String text, final long millis) {
        assertEquals(Duration.ofMillis(millis), argument.convert(text));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"", "s", "ten", "5x", "-1s", "1h", "1e3", "1441m"})
    void refusesAnythingElse(final String text) {
        assertThrows(TypeConversionException.class, () -> argument.convert(text));
    }
}
