package io.ringfence.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A point in time on the command line: ISO-8601 UTC ({@code 2024-03-15T10:00:00Z}) or epoch milliseconds. */
final class TimeArgument implements ITypeConverter<Long> {
    @Override
    public Long convert(final String value) {
        if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
            try {
                return Long.parseLong(value);
            } catch (final NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is too large for epoch milliseconds");
            }
        }
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (final DateTimeParseException e) {
            throw new TypeConversionException("'" + value
                + "' is neither ISO-8601 UTC (like 2024-03-15T10:00:00Z) nor epoch milliseconds");
        }
    }
}
