package io.ringfence.journal;

import java.time.Instant;

/** A hand-written JSON object builder for one line: keys in order, strings escaped. */
final class JsonLine {
    private final StringBuilder out = new StringBuilder(256);
    private boolean first = true;

    JsonLine() {
        out.append('{');
    }

    JsonLine field(final String key, final long value) {
        key(key).append(value);
        return this;
    }

    JsonLine field(final String key, final boolean value) {
        key(key).append(value);
        return this;
    }

    /** A string field; omitted when {@code value} is null. */
    JsonLine field(final String key, final Object value) {
        if (value != null) {
            string(key(key), value.toString());
        }
        return this;
    }

    JsonLine time(final String key, final long epochMillis) {
        return field(key, Instant.ofEpochMilli(epochMillis).toString());
    }

    JsonLine hex64(final String key, final long value) {
        return field(key, String.format("%016x", value));
    }

    JsonLine fingerprint(final String key, final long high, final long low) {
        return field(key, fingerprint(high, low));
    }

    JsonLine array(final String key, final Iterable<?> values) {
        final StringBuilder b = key(key).append('[');
        boolean firstValue = true;
        for (final Object value : values) {
            if (!firstValue) {
                b.append(',');
            }
            string(b, value.toString());
            firstValue = false;
        }
        b.append(']');
        return this;
    }

    @Override
    public String toString() {
        return out + "}";
    }

    static String fingerprint(final long high, final long low) {
        return String.format("%016x%016x", high, low);
    }

    private StringBuilder key(final String key) {
        if (!first) {
            out.append(',');
        }
        first = false;
        string(out, key);
        return out.append(':');
    }

    private static void string(final StringBuilder b, final String value) {
        b.append('"');
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int)c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
