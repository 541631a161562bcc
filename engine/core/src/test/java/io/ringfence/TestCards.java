package io.ringfence;

import io.ringfence.api.CardNumbers;
import io.ringfence.api.Fingerprint;
import io.ringfence.ingress.CardFingerprinter;

import java.util.ArrayList;
import java.util.List;

/**
 * Test card numbers. The well-known ones are the card networks' published test PANs; the rest are generated
 * with a valid Luhn check digit. Assertion messages name cards only by {@link CardNumbers#mask}.
 */
public final class TestCards {
    public static final String VISA = "4111111111111111";
    public static final String MASTERCARD = "5500005555555559";
    public static final String VISA_2 = "4012888888881881";
    public static final String AMEX = "378282246310005";
    public static final String DISCOVER = "6011111111111117";
    public static final List<String> KNOWN = List.of(VISA, MASTERCARD, VISA_2, AMEX, DISCOVER);

    private TestCards() {
    }

    /** A 16-digit PAN: {@code bin}, then {@code serial} zero-padded, then the Luhn check digit. */
    public static String pan(final String bin, final long serial) {
        final String digits = Long.toString(serial);
        final int width = 15 - bin.length();
        if (digits.length() > width) {
            throw new IllegalArgumentException("serial too large for the BIN");
        }
        final String body = bin + "0".repeat(width - digits.length()) + digits;
        return body + CardNumbers.luhnCheckDigit(body);
    }

    /** {@code count} distinct valid PANs under {@code bin}. */
    public static List<String> pans(final String bin, final int count) {
        final List<String> pans = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pans.add(pan(bin, i));
        }
        return pans;
    }

    /** The same digits with the check digit off by one: fails Luhn. */
    /** The fingerprint the engine gives a card number under the development key, as a decision carries it. */
    public static Fingerprint fingerprint(final String cardNumber) {
        final long[] out = new long[2];
        new CardFingerprinter(CardFingerprinter.developmentKey()).fingerprint(cardNumber, out);
        return new Fingerprint(out[0], out[1]);
    }

    public static String withBadCheckDigit(final String pan) {
        final char last = pan.charAt(pan.length() - 1);
        return pan.substring(0, pan.length() - 1) + (char)('0' + (last - '0' + 1) % 10);
    }
}
