package io.ringfence.models.data;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Timestamps and amounts written by the generator read back exactly. */
class ReplayTimesTest {
    @Test
    void formattedTimesAreIsoWithMillisecondsAndParseBack() {
        final ReplayTimes times = new ReplayTimes();
        final SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            final long millis = random.nextLong(0L, 4_102_444_800_000L);
            final String text = times.format(new StringBuilder(), millis).toString();
            assertEquals(Instant.ofEpochMilli(millis), Instant.parse(text), text);
            assertEquals(24, text.length(), text);
            assertEquals(millis, times.parse(text), text);
        }
        assertEquals("2018-04-01T00:00:31.000Z", times.format(new StringBuilder(), 1_522_540_831_000L).toString());
        assertEquals("1970-01-01T00:00:00.007Z", times.format(new StringBuilder(), 7L).toString());
    }

    @Test
    void amountsFormatWithTheCurrencysDigitsAndParseBack() {
        assertEquals("57.16", MinorUnits.format(new StringBuilder(), 5716, 2).toString());
        assertEquals("0.05", MinorUnits.format(new StringBuilder(), 5, 2).toString());
        assertEquals("1500", MinorUnits.format(new StringBuilder(), 1500, 0).toString());
        assertEquals("12.345", MinorUnits.format(new StringBuilder(), 12_345, 3).toString());
        assertEquals(0, MinorUnits.fractionDigits("JPY"));
        assertEquals(3, MinorUnits.fractionDigits("BHD"));
        for (long minor = 0; minor < 2_000; minor++) {
            for (int digits = 0; digits <= 3; digits++) {
                final String text = MinorUnits.format(new StringBuilder(), minor, digits).toString();
                assertEquals(minor, MinorUnits.parse(text, digits, "X"), text);
            }
        }
    }
}
