package io.ringfence.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.ringfence.api.CardNumbers;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * One {@code /v1} body read with Jackson's streaming parser: a single flat JSON object whose members are among the
 * endpoint's fields, each of its field's type. JSON {@code null} counts as absent. Anything else is a
 * {@link BadRequest} naming the field: an unknown member (a misspelt {@code amount_minor} would otherwise score a
 * zero-amount verification), a member given twice, a wrong type, an object or array value, malformed JSON, content
 * after the object.
 *
 * <p>Error messages never quote values, and never pass on the parser's own messages: those quote the offending
 * token, which may be a card number.
 */
final class RequestBody {
    private static final int MAX_QUOTED_NAME = 64;

    /** Thread-safe and shared: parsers are cheap to make from it. */
    static final JsonFactory JSON = JsonFactory.builder()
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .build();

    private final Object[] values = new Object[RequestField.values().length];

    private RequestBody() {
    }

    /**
     * Reads {@code length} bytes of {@code body} that may carry the {@code allowed} fields.
     *
     * @throws BadRequest when the body is not such an object
     */
    static RequestBody parse(final byte[] body, final int length, final Set<RequestField> allowed)
        throws BadRequest {
        final RequestBody parsed = new RequestBody();
        try (JsonParser parser = JSON.createParser(body, 0, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new BadRequest(null, "the body must be a JSON object");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                final String name = parser.currentName();
                final RequestField field = RequestField.named(name);
                if (field == null || !allowed.contains(field)) {
                    throw new BadRequest(quotable(name), "unknown field " + quotable(name));
                }
                if (parsed.values[field.ordinal()] != null) {
                    throw new BadRequest(field.json(), field.json() + " is given more than once");
                }
                parser.nextToken();
                parsed.values[field.ordinal()] = value(parser, field);
            }
            if (token != JsonToken.END_OBJECT) {
                throw malformed(parser.currentLocation());
            }
            if (parser.nextToken() != null) {
                throw new BadRequest(null, "content after the JSON object");
            }
        } catch (final JsonProcessingException e) {
            throw malformed(e.getLocation());
        } catch (final IOException e) {
            throw new BadRequest(null, "the body cannot be read as JSON");
        }
        return parsed;
    }

    private static Object value(final JsonParser parser, final RequestField field) throws IOException, BadRequest {
        final JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        switch (field.type()) {
            case STRING:
                if (token == JsonToken.VALUE_STRING) {
                    return parser.getText();
                }
                throw new BadRequest(field.json(), field.json() + " must be a string");
            case INTEGER:
                if (token == JsonToken.VALUE_NUMBER_INT) {
                    return integer(parser, field);
                }
                throw new BadRequest(field.json(), field.json() + " must be an integer");
            case DIGITS:
                if (token == JsonToken.VALUE_NUMBER_INT) {
                    return integer(parser, field);
                }
                if (token == JsonToken.VALUE_STRING) {
                    return digits(parser.getText(), field);
                }
                throw new BadRequest(field.json(), field.json() + " must be an integer or a string of digits");
            case TIME:
                if (token == JsonToken.VALUE_NUMBER_INT) {
                    return integer(parser, field);
                }
                if (token == JsonToken.VALUE_STRING) {
                    return instant(parser.getText(), field);
                }
                throw new BadRequest(field.json(), field.json()
                    + " must be an ISO-8601 instant string or an integer of epoch milliseconds");
            default:
                throw new IllegalStateException("no reader for " + field.type());
        }
    }

    private static long integer(final JsonParser parser, final RequestField field) throws IOException, BadRequest {
        final JsonParser.NumberType type = parser.getNumberType();
        if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
            throw new BadRequest(field.json(), field.json() + " is out of range");
        }
        return parser.getLongValue();
    }

    private static long digits(final String text, final RequestField field) throws BadRequest {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new BadRequest(field.json(), field.json() + " must be an integer or a string of up to 9 digits");
        }
        return Long.parseLong(text);
    }

    private static long instant(final String text, final RequestField field) throws BadRequest {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (final DateTimeException | ArithmeticException e) {
            throw new BadRequest(field.json(), field.json()
                + " must be an ISO-8601 instant such as 2026-01-31T09:30:00Z, or epoch milliseconds");
        }
    }

    private static BadRequest malformed(final JsonLocation at) {
        return new BadRequest(null, at == null ? "malformed JSON"
            : "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
    }

    /** A member name as it may appear in an error: short, and with any card-number-like digits masked. */
    private static String quotable(final String name) {
        final String masked = CardNumbers.maskDigitRuns(name);
        return masked.length() > MAX_QUOTED_NAME ? masked.substring(0, MAX_QUOTED_NAME) + "..." : masked;
    }

    boolean has(final RequestField field) {
        return values[field.ordinal()] != null;
    }

    /** A string field, or null when absent. */
    String string(final RequestField field) {
        return (String)values[field.ordinal()];
    }

    /** A numeric or time field, or {@code absent}. */
    long number(final RequestField field, final long absent) {
        final Object value = values[field.ordinal()];
        return value == null ? absent : (Long)value;
    }

    /** A string field that must be present. */
    String required(final RequestField field) throws BadRequest {
        final String value = string(field);
        if (value == null) {
            throw new BadRequest(field.json(), field.json() + " is required");
        }
        return value;
    }

    /**
     * An enumerated string field, matched without regard to case, or null when absent.
     *
     * @throws BadRequest naming the accepted values when it matches none
     */
    <E extends Enum<E>> E choice(final RequestField field, final Class<E> type) throws BadRequest {
        final String value = string(field);
        if (value == null) {
            return null;
        }
        final E[] constants = type.getEnumConstants();
        for (final E constant : constants) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        final StringBuilder accepted = new StringBuilder();
        for (final E constant : constants) {
            accepted.append(accepted.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
        }
        throw new BadRequest(field.json(), field.json() + " must be one of " + accepted);
    }
}
