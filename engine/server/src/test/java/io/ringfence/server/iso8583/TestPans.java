package io.ringfence.server.iso8583;

import io.ringfence.api.CardNumbers;

/** Luhn-valid test card numbers; assertions name them only masked. */
final class TestPans {
    /** The card networks' published Visa test number. */
    static final String VISA = "4111111111111111";

    private TestPans() {
    }

    /** A 16-digit PAN under {@code bin} with a valid check digit, distinct for each {@code serial}. */
    static String pan(final String bin, final long serial) {
        final String digits = Long.toString(serial);
        final String body = bin + "0".repeat(15 - bin.length() - digits.length()) + digits;
        return body + CardNumbers.luhnCheckDigit(body);
    }
}
