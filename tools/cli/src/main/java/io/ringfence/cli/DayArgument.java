package io.ringfence.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** A UTC day on the command line, {@code yyyy-mm-dd}. */
final class DayArgument implements ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(final String value) {
        try {
            return LocalDate.parse(value);
        } catch (final DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a date like 2025-03-03");
        }
    }
}
