package io.ringfence.server.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the door's flat JSON answers in tests: members as strings, numbers, booleans, or lists of strings. */
final class TestJson {
    private TestJson() {
    }

    static Map<String, Object> parse(final String json) {
        final Map<String, Object> members = new LinkedHashMap<>();
        try (JsonParser parser = RequestBody.JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object: " + json);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                final String name = parser.currentName();
                final JsonToken value = parser.nextToken();
                if (value == JsonToken.START_ARRAY) {
                    final List<String> items = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        items.add(parser.getText());
                    }
                    members.put(name, items);
                } else if (value == JsonToken.VALUE_NUMBER_INT) {
                    members.put(name, parser.getLongValue());
                } else if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
                    members.put(name, parser.getBooleanValue());
                } else {
                    members.put(name, parser.getText());
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return members;
    }
}
