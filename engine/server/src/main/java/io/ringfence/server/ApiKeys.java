package io.ringfence.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The keys HTTP callers present as {@code Authorization: Bearer KEY}: read from a file (one per line, blank lines
 * and {@code #} comments ignored) or from an environment variable (comma-separated), and checked in constant time
 * so a caller cannot learn a key byte by byte from response times.
 */
public final class ApiKeys {
    /** The environment variable {@code ringfence serve} reads keys from when no file is given. */
    public static final String ENVIRONMENT_VARIABLE = "RINGFENCE_API_KEYS";
    /** Shorter keys are refused: a guessable key is no key. */
    public static final int MIN_LENGTH = 16;

    private final byte[][] keys;

    private ApiKeys(final Set<String> keys) {
        this.keys = keys.stream().map(key -> key.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }

    public static ApiKeys of(final Set<String> keys) {
        return new ApiKeys(keys);
    }

    /**
     * Reads a key file.
     *
     * @throws IllegalArgumentException naming the file and line of a key that is too short or has spaces
     */
    public static Set<String> readFile(final Path file) {
        final List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read API key file " + file + ": " + e.getMessage(), e);
        }
        final Set<String> keys = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            final String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            keys.add(checked(line, file + ":" + (i + 1)));
        }
        return keys;
    }

    /**
     * Parses the environment variable's value.
     *
     * @throws IllegalArgumentException naming the position of a key that is too short or has spaces
     */
    public static Set<String> parseList(final String value) {
        final Set<String> keys = new LinkedHashSet<>();
        final String[] parts = value.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            final String key = parts[i].strip();
            if (!key.isEmpty()) {
                keys.add(checked(key, ENVIRONMENT_VARIABLE + " item " + (i + 1)));
            }
        }
        return keys;
    }

    /** Whether {@code presented} is one of the keys; takes the same time whichever key, if any, it matches. */
    public boolean accepts(final byte[] presented) {
        boolean found = false;
        for (final byte[] key : keys) {
            found |= MessageDigest.isEqual(key, presented);
        }
        return found;
    }

    public boolean isEmpty() {
        return keys.length == 0;
    }

    private static String checked(final String key, final String where) {
        if (key.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(where + ": an API key needs at least " + MIN_LENGTH + " characters");
        }
        if (key.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new IllegalArgumentException(where + ": an API key is printable ASCII without spaces");
        }
        return key;
    }

    @Override
    public String toString() {
        return "ApiKeys{" + keys.length + " keys}";
    }
}
