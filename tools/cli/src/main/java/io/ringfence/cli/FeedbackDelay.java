package io.ringfence.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.Locale;

/**
 * A feedback delay on the command line: a whole number with a unit, {@code 7d}, {@code 36h}, {@code 90m},
 * {@code 30s}, or {@code 0}.
 */
public final class FeedbackDelay implements ITypeConverter<Duration> {
    /** The default: labels come back as fraud reports a week after the transaction. */
    public static final String DEFAULT = "7d";

    @Override
    public Duration convert(final String value) {
        return parse(value);
    }

    /**
     * @throws TypeConversionException when the value is not a non-negative whole number of d, h, m or s
     */
    public static Duration parse(final String value) {
        final String text = value.strip().toLowerCase(Locale.ROOT);
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        if (text.length() < 2 || !text.substring(0, text.length() - 1).chars().allMatch(Character::isDigit)) {
            throw new TypeConversionException("'" + value + "' is not a delay like 7d, 36h, 90m or 30s");
        }
        final long amount;
        try {
            amount = Long.parseLong(text.substring(0, text.length() - 1));
        } catch (final NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is too long a delay");
        }
        return switch (text.charAt(text.length() - 1)) {
            case 'd' -> Duration.ofDays(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 's' -> Duration.ofSeconds(amount);
            default -> throw new TypeConversionException("'" + value + "' is not a delay like 7d, 36h, 90m or 30s");
        };
    }
}
