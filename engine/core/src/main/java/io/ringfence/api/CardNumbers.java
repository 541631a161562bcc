package io.ringfence.api;

import java.util.regex.Pattern;

/** Card number helpers that never let the full PAN out. */
public final class CardNumbers {
    /** A run of digits long enough to be a card number (PANs have 12 to 19), spaces and dashes allowed between. */
    private static final Pattern DIGIT_RUN = Pattern.compile("\\d(?:[ -]?\\d){11,}");

    private CardNumbers() {
    }

    /**
     * {@code text} with every run of twelve or more digits (spaces or dashes between them allowed) masked as
     * {@link #mask} does: for messages that quote input, which might hold a card number where it does not belong.
     */
    public static String maskDigitRuns(final String text) {
        if (text == null) {
            return null;
        }
        return DIGIT_RUN.matcher(text).replaceAll(run -> mask(run.group().replaceAll("[ -]", "")));
    }

    /**
     * BIN (first six) and last four with the middle masked for numbers of 15 digits or more; the last four alone
     * for shorter ones, where BIN and last four together would show nearly every digit; "invalid" under 8.
     */
    public static String mask(final String pan) {
        if (pan == null || pan.length() < 8) {
            return "invalid";
        }
        final String lastFour = pan.substring(pan.length() - 4);
        return pan.length() >= 15 ? pan.substring(0, 6) + "******" + lastFour : "******" + lastFour;
    }

    /** Luhn (mod 10) check over an all-digit string. */
    public static boolean passesLuhn(final CharSequence digits) {
        return luhnSum(digits, false) % 10 == 0;
    }

    /** The digit that, appended to the all-digit {@code body}, makes it pass the Luhn check. */
    public static char luhnCheckDigit(final CharSequence body) {
        return (char)('0' + (10 - luhnSum(body, true) % 10) % 10);
    }

    private static int luhnSum(final CharSequence digits, final boolean doubleRightmost) {
        int sum = 0;
        boolean doubleIt = doubleRightmost;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum;
    }
}
