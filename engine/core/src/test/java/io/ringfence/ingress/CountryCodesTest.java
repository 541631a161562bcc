package io.ringfence.ingress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CountryCodesTest {
    @Test
    void everyTwoLetterCodePacksToADistinctPositiveShortAndBack() {
        final Set<Short> packed = new HashSet<>();
        for (char a = 'A'; a <= 'Z'; a++) {
            for (char b = 'A'; b <= 'Z'; b++) {
                final String code = "" + a + b;
                final short p = CountryCodes.pack(code);
                assertTrue(p > 0, code);
                assertEquals(code, CountryCodes.unpack(p));
                packed.add(p);
            }
        }
        assertEquals(26 * 26, packed.size());
    }

    @Test
    void packingIgnoresCaseAndAbsentMeansUnknown() {
        assertEquals(CountryCodes.pack("FR"), CountryCodes.pack("fr"));
        assertEquals(0, CountryCodes.pack(null));
        assertEquals(0, CountryCodes.pack(""));
        assertEquals("--", CountryCodes.unpack((short)0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"U", "USA", "U1", "1A", "U-", "  ", "É1"})
    void anythingButTwoLettersIsInvalid(final String code) {
        assertEquals(CountryCodes.INVALID, CountryCodes.pack(code));
    }
}
