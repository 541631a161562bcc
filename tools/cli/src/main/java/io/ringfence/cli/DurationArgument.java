package io.ringfence.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A length of time on the command line: {@code 10s}, {@code 1m}, {@code 500ms}, {@code 1.5s}, or plain seconds. */
final class DurationArgument implements ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,9})?)(ms|s|m)?");
    private static final Duration LONGEST = Duration.ofHours(24);

    @Override
    public Duration convert(final String value) {
        final Matcher matcher = FORM.matcher(value.strip());
        if (!matcher.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration (examples: 10s, 1m, 500ms, 30)");
        }
        final BigDecimal amount = new BigDecimal(matcher.group(1));
        final String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        final BigDecimal nanosPerUnit = BigDecimal.valueOf(switch (unit) {
            case "ms" -> 1_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 1_000_000_000L;
        });
        final Duration duration = Duration.ofNanos(amount.multiply(nanosPerUnit).min(BigDecimal.valueOf(
            LONGEST.toNanos() + 1)).longValue());
        if (duration.compareTo(LONGEST) > 0) {
            throw new TypeConversionException("'" + value + "' is longer than " + LONGEST.toHours() + " hours");
        }
        return duration;
    }
}
