package io.ringfence.models.data;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Timestamps of the replay format: ISO-8601 UTC or epoch milliseconds. Written as
 * {@code 2018-04-01T00:00:31.250Z} (milliseconds always, so replay keeps the generator's times exactly).
 * The common shapes ({@code ...T00:00:31Z}, {@code ...T00:00:31.250Z}) are read without {@link Instant#parse};
 * anything else ISO-8601 goes through it.
 */
public final class ReplayTimes {
    private static final long DAY_MILLIS = 86_400_000L;
    private static final int SECONDS_SHAPE = "2018-04-01T00:00:31Z".length();
    private static final int MILLIS_SHAPE = "2018-04-01T00:00:31.250Z".length();
    private static final int DATE_LENGTH = 10;

    /** The last day seen, so a file's many rows of one day format and parse its date once. */
    private long cachedEpochDay = Long.MIN_VALUE;
    private String cachedDate;

    /**
     * Parses a timestamp cell.
     *
     * @throws IllegalArgumentException with a message fit for one line of output
     */
    public long parse(final String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("timestamp is empty");
        }
        if (allDigits(value)) {
            try {
                return Long.parseLong(value);
            } catch (final NumberFormatException e) {
                throw new IllegalArgumentException("timestamp '" + value + "' is too large for epoch milliseconds", e);
            }
        }
        final long fast = parseCommonShape(value);
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (final DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("timestamp '" + value
                + "' is neither ISO-8601 UTC (like 2018-04-01T00:00:31Z) nor epoch milliseconds", e);
        }
    }

    /** Appends the time as ISO-8601 UTC with milliseconds. */
    public StringBuilder format(final StringBuilder out, final long epochMillis) {
        final long epochDay = Math.floorDiv(epochMillis, DAY_MILLIS);
        if (epochDay != cachedEpochDay) {
            cachedDate = LocalDate.ofEpochDay(epochDay).toString();
            cachedEpochDay = epochDay;
        }
        final int millisOfDay = (int)Math.floorMod(epochMillis, DAY_MILLIS);
        out.append(cachedDate).append('T');
        twoDigits(out, millisOfDay / 3_600_000).append(':');
        twoDigits(out, millisOfDay / 60_000 % 60).append(':');
        twoDigits(out, millisOfDay / 1_000 % 60).append('.');
        final int millis = millisOfDay % 1_000;
        if (millis < 100) {
            out.append('0');
        }
        return twoDigits(out, millis).append('Z');
    }

    private static StringBuilder twoDigits(final StringBuilder out, final int value) {
        if (value < 10) {
            out.append('0');
        }
        return out.append(value);
    }

    /** {@code yyyy-MM-ddTHH:mm:ssZ} or {@code yyyy-MM-ddTHH:mm:ss.SSSZ}; {@link Long#MIN_VALUE} for other shapes. */
    private long parseCommonShape(final String value) {
        final int length = value.length();
        if (length != SECONDS_SHAPE && length != MILLIS_SHAPE || value.charAt(length - 1) != 'Z'
            || value.charAt(DATE_LENGTH) != 'T' || value.charAt(13) != ':' || value.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        final long epochDay = epochDay(value);
        if (epochDay == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        final int hour = number(value, 11, 13);
        final int minute = number(value, 14, 16);
        final int second = number(value, 17, 19);
        int millis = 0;
        if (length == MILLIS_SHAPE) {
            if (value.charAt(19) != '.') {
                return Long.MIN_VALUE;
            }
            millis = number(value, 20, 23);
        }
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || millis < 0) {
            return Long.MIN_VALUE;
        }
        return epochDay * DAY_MILLIS + hour * 3_600_000L + minute * 60_000L + second * 1_000L + millis;
    }

    private long epochDay(final String value) {
        if (cachedDate != null && value.regionMatches(0, cachedDate, 0, DATE_LENGTH)) {
            return cachedEpochDay;
        }
        try {
            final LocalDate date = LocalDate.parse(value.substring(0, DATE_LENGTH));
            cachedDate = date.toString();
            cachedEpochDay = date.toEpochDay();
            return cachedEpochDay;
        } catch (final DateTimeParseException e) {
            return Long.MIN_VALUE;
        }
    }

    /** The decimal number in {@code [from, to)}, or -1 if any character is not a digit. */
    private static int number(final String value, final int from, final int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            final char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + c - '0';
        }
        return n;
    }

    private static boolean allDigits(final String value) {
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
