package io.ringfence.models.data;

import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Decimal major-unit amounts to and from minor units, by the currency's ISO 4217 fraction digits. */
public final class MinorUnits {
    private static final Map<String, Integer> FRACTION_DIGITS = new ConcurrentHashMap<>();
    private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L};

    private MinorUnits() {
    }

    /**
     * Fraction digits of an ISO 4217 alpha code (JPY 0, USD 2, BHD 3).
     *
     * @throws IllegalArgumentException for a code that is not a currency or has no minor unit (XAU)
     */
    public static int fractionDigits(final String currency) {
        final Integer known = FRACTION_DIGITS.get(currency);
        if (known != null) {
            return known;
        }
        final int digits;
        try {
            digits = Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getDefaultFractionDigits();
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("currency '" + currency + "' is not an ISO 4217 code", e);
        }
        if (digits < 0 || digits >= POWERS_OF_TEN.length) {
            throw new IllegalArgumentException("currency '" + currency + "' has no minor unit");
        }
        FRACTION_DIGITS.put(currency, digits);
        return digits;
    }

    /**
     * Parses a non-negative decimal amount in major units ({@code 57.16}, {@code 57}, {@code 57.1}, {@code .5}) to
     * minor units.
     *
     * @throws IllegalArgumentException with a message fit for one line of output
     */
    public static long parse(final CharSequence amount, final int fractionDigits, final String currency) {
        final int length = amount.length();
        long major = 0;
        long minor = 0;
        int i = 0;
        int integerDigits = 0;
        try {
            for (; i < length && amount.charAt(i) != '.'; i++) {
                major = Math.addExact(Math.multiplyExact(major, 10L), digit(amount, i));
                integerDigits++;
            }
            int decimals = 0;
            if (i < length) {
                i++;
                for (; i < length; i++) {
                    final int d = digit(amount, i);
                    decimals++;
                    if (decimals > fractionDigits) {
                        if (d != 0) {
                            throw new IllegalArgumentException("amount '" + amount + "' has more decimals than "
                                + currency + " has (" + fractionDigits + ")");
                        }
                        continue;
                    }
                    minor = minor * 10 + d;
                }
                if (decimals == 0 && integerDigits == 0) {
                    throw notAnAmount(amount);
                }
            } else if (integerDigits == 0) {
                throw notAnAmount(amount);
            }
            for (int d = Math.min(decimals, fractionDigits); d < fractionDigits; d++) {
                minor *= 10;
            }
            return Math.addExact(Math.multiplyExact(major, POWERS_OF_TEN[fractionDigits]), minor);
        } catch (final ArithmeticException e) {
            throw new IllegalArgumentException("amount '" + amount + "' is too large", e);
        }
    }

    private static int digit(final CharSequence amount, final int i) {
        final char c = amount.charAt(i);
        if (c < '0' || c > '9') {
            throw notAnAmount(amount);
        }
        return c - '0';
    }

    private static IllegalArgumentException notAnAmount(final CharSequence amount) {
        return new IllegalArgumentException("amount '" + amount
            + "' is not a non-negative decimal in major units (like 57.16)");
    }

    /** Appends minor units as a decimal in major units with exactly {@code fractionDigits} decimals. */
    public static StringBuilder format(final StringBuilder out, final long amountMinor, final int fractionDigits) {
        if (amountMinor < 0) {
            throw new IllegalArgumentException("negative amount: " + amountMinor);
        }
        if (fractionDigits == 0) {
            return out.append(amountMinor);
        }
        final long scale = POWERS_OF_TEN[fractionDigits];
        out.append(amountMinor / scale).append('.');
        final String fraction = Long.toString(amountMinor % scale);
        for (int i = fraction.length(); i < fractionDigits; i++) {
            out.append('0');
        }
        return out.append(fraction);
    }
}
