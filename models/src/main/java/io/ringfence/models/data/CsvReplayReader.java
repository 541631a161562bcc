package io.ringfence.models.data;

import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.CardNumbers;
import io.ringfence.api.Channel;
import io.ringfence.api.EntryMode;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a file in the CSV replay format (see {@link ReplayColumns}) one row at a time, as
 * {@link AuthorizationRequest}s with their id, label and (for generated files) scenario.
 *
 * <p>The header row names the columns, in any order; unknown columns are ignored; timestamp, card, amount and
 * channel are required. Optional columns that are absent or empty take the defaults {@link ReplayColumns} documents
 * (entry mode from the channel, merchant from the terminal, currency USD). Amounts in major units become minor units
 * by the currency's ISO 4217 fraction digits; 0.00 is an account verification, scored like any authorization. A
 * card of 12 to 19 digits that passes the Luhn check is a PAN, anything else a card reference. Fields may be
 * quoted ({@code "a,b"}, {@code ""} for a quote) but not span lines; blank lines are not rows. A malformed row
 * stops the reading with a {@link ReplayFormatException} naming the file, the line and the problem: no row is
 * ever skipped silently.
 *
 * <p>Streams: memory does not grow with the file. Not thread-safe.
 */
public final class CsvReplayReader implements Closeable {
    private static final int BUFFER_CHARS = 1 << 16;
    private static final int MIN_PAN_DIGITS = 12;
    private static final int MAX_PAN_DIGITS = 19;
    private static final int MAX_MCC = 9999;
    private static final int ABSENT = -1;

    private final BufferedReader in;
    private final String source;
    private final List<String> header;
    private final int width;
    private final String[] fields;
    private final ReplayTimes times = new ReplayTimes();
    private final int timestamp;
    private final int card;
    private final int amount;
    private final int channel;
    private final int id;
    private final int currency;
    private final int merchant;
    private final int terminal;
    private final int mcc;
    private final int merchantCountry;
    private final int cardCountry;
    private final int ipCountry;
    private final int ip;
    private final int device;
    private final int email;
    private final int entryMode;
    private final int label;
    private final int scenario;
    private long line;

    /**
     * Reads the header from {@code reader}.
     *
     * @param source the name used in error messages (the file name)
     * @throws ReplayFormatException when the header is missing, has a duplicate or lacks a required column
     */
    public CsvReplayReader(final Reader reader, final String source) throws IOException {
        this.in = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader, BUFFER_CHARS);
        this.source = source;
        String first = readLine();
        if (first == null) {
            throw problem("the file is empty: a header row naming the columns is required");
        }
        if (!first.isEmpty() && first.charAt(0) == '\uFEFF') {
            first = first.substring(1);
        }
        final List<String> names = new ArrayList<>();
        split(first, names);
        final Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            final String name = names.get(i).strip().toLowerCase(Locale.ROOT);
            names.set(i, name);
            if (!name.isEmpty() && index.putIfAbsent(name, i) != null) {
                throw problem("column '" + name + "' appears twice in the header");
            }
        }
        for (final String required : ReplayColumns.REQUIRED) {
            if (!index.containsKey(required)) {
                throw problem("the header has no '" + required + "' column (required: "
                    + String.join(", ", ReplayColumns.REQUIRED) + ")");
            }
        }
        this.header = List.copyOf(names);
        this.width = names.size();
        this.fields = new String[width];
        timestamp = index.get(ReplayColumns.TIMESTAMP);
        card = index.get(ReplayColumns.CARD);
        amount = index.get(ReplayColumns.AMOUNT);
        channel = index.get(ReplayColumns.CHANNEL);
        id = index.getOrDefault(ReplayColumns.ID, ABSENT);
        currency = index.getOrDefault(ReplayColumns.CURRENCY, ABSENT);
        merchant = index.getOrDefault(ReplayColumns.MERCHANT, ABSENT);
        terminal = index.getOrDefault(ReplayColumns.TERMINAL, ABSENT);
        mcc = index.getOrDefault(ReplayColumns.MCC, ABSENT);
        merchantCountry = index.getOrDefault(ReplayColumns.MERCHANT_COUNTRY, ABSENT);
        cardCountry = index.getOrDefault(ReplayColumns.CARD_COUNTRY, ABSENT);
        ipCountry = index.getOrDefault(ReplayColumns.IP_COUNTRY, ABSENT);
        ip = index.getOrDefault(ReplayColumns.IP, ABSENT);
        device = index.getOrDefault(ReplayColumns.DEVICE, ABSENT);
        email = index.getOrDefault(ReplayColumns.EMAIL, ABSENT);
        entryMode = index.getOrDefault(ReplayColumns.ENTRY_MODE, ABSENT);
        label = index.getOrDefault(ReplayColumns.LABEL, ABSENT);
        scenario = index.getOrDefault(ReplayColumns.SCENARIO, ABSENT);
    }

    /** Opens a UTF-8 file and reads its header; errors name the file as given. */
    public static CsvReplayReader open(final Path file) throws IOException {
        final BufferedReader reader = new BufferedReader(
            new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder()), BUFFER_CHARS);
        try {
            return new CsvReplayReader(reader, file.toString());
        } catch (final IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * Reads every row of a file into {@code action}, in file order; returns the number of rows.
     *
     * @throws ReplayFormatException at the first malformed row
     */
    public static long forEach(final Path file, final Consumer<ReplayRow> action) throws IOException {
        try (CsvReplayReader reader = open(file)) {
            long rows = 0;
            for (ReplayRow row = reader.next(); row != null; row = reader.next()) {
                action.accept(row);
                rows++;
            }
            return rows;
        }
    }

    /** The header's column names, lower case, in file order. */
    public List<String> columns() {
        return header;
    }

    /** Whether the file has a label column. */
    public boolean hasLabels() {
        return label != ABSENT;
    }

    /** The line last read (the header is line 1). */
    public long line() {
        return line;
    }

    /**
     * The next row, or null at the end of the file.
     *
     * @throws ReplayFormatException when the row is malformed
     */
    public ReplayRow next() throws IOException {
        String text;
        do {
            text = readLine();
            if (text == null) {
                return null;
            }
        } while (text.isBlank());
        final int found = split(text, fields);
        if (found != width) {
            throw problem("expected " + width + " fields as in the header, found " + found);
        }
        try {
            return row();
        } catch (final IllegalArgumentException e) {
            throw problem(withColumn(e.getMessage()));
        }
    }

    /** Puts the column's position before a problem that starts with the column's name ("mcc '...' is not..."). */
    private String withColumn(final String problem) {
        final int nameEnd = problem.indexOf(' ');
        final int column = nameEnd < 0 ? -1 : header.indexOf(problem.substring(0, nameEnd));
        return column < 0 ? problem : "column " + (column + 1) + ": " + problem;
    }

    private ReplayRow row() {
        final String currencyCode = currency == ABSENT || fields[currency].isEmpty() ? ReplayColumns.CURRENCY_DEFAULT
            : fields[currency].toUpperCase(Locale.ROOT);
        final int fractionDigits = MinorUnits.fractionDigits(currencyCode);
        final String idValue = optional(id);
        final Channel channelValue = channel(required(channel, ReplayColumns.CHANNEL));
        final String terminalValue = optional(terminal);
        final AuthorizationRequest.Builder request = AuthorizationRequest.builder()
            .requestId(idValue)
            .transmissionTimeMillis(times.parse(fields[timestamp]))
            .amountMinor(MinorUnits.parse(required(amount, ReplayColumns.AMOUNT), fractionDigits, currencyCode))
            .currency(currencyCode)
            .channel(channelValue)
            .entryMode(entryMode(optional(entryMode), channelValue))
            .merchantId(merchant(optional(merchant), terminalValue))
            .terminalId(terminalValue)
            .mcc(mcc(optional(mcc)))
            .merchantCountry(country(ReplayColumns.MERCHANT_COUNTRY, optional(merchantCountry)))
            .cardCountry(country(ReplayColumns.CARD_COUNTRY, optional(cardCountry)))
            .ipCountry(country(ReplayColumns.IP_COUNTRY, optional(ipCountry)))
            .ipAddress(optional(ip))
            .deviceId(optional(device))
            .email(optional(email));
        final String cardValue = required(card, ReplayColumns.CARD);
        if (isPan(cardValue)) {
            request.pan(cardValue);
        } else {
            request.cardReference(cardValue);
        }
        return new ReplayRow(line, request.build(), idValue, label(optional(label)), optional(scenario));
    }

    private String required(final int column, final String name) {
        final String value = fields[column];
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty");
        }
        return value;
    }

    private String optional(final int column) {
        return column == ABSENT || fields[column].isEmpty() ? null : fields[column];
    }

    private static Channel channel(final String value) {
        if (value.equalsIgnoreCase("CP")) {
            return Channel.CP;
        }
        if (value.equalsIgnoreCase("CNP")) {
            return Channel.CNP;
        }
        throw new IllegalArgumentException("channel '" + value + "' is neither CP nor CNP");
    }

    /** The entry mode given, or the channel's usual one when none is: a chip read in store, e-commerce online. */
    private static EntryMode entryMode(final String value, final Channel channel) {
        if (value == null) {
            return channel == Channel.CP ? ReplayColumns.ENTRY_MODE_DEFAULT_CP : ReplayColumns.ENTRY_MODE_DEFAULT_CNP;
        }
        for (final EntryMode mode : EntryMode.values()) {
            if (mode.name().equalsIgnoreCase(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("entry_mode '" + value
            + "' is none of chip, contactless, swipe, manual, ecommerce, moto, wallet, chip_and_pin, ecommerce_3ds");
    }

    /** The merchant given; without one, the terminal stands for its own merchant, and without either, one unknown. */
    private static String merchant(final String value, final String terminal) {
        if (value != null) {
            return value;
        }
        return terminal != null ? terminal : ReplayColumns.MERCHANT_DEFAULT;
    }

    private static int mcc(final String value) {
        if (value == null) {
            return AuthorizationRequest.NO_MCC;
        }
        int code = 0;
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (c < '0' || c > '9' || i >= 4) {
                throw new IllegalArgumentException("mcc '" + value + "' is not a merchant category code (0 to "
                    + MAX_MCC + ")");
            }
            code = code * 10 + c - '0';
        }
        return code;
    }

    private static String country(final String column, final String value) {
        if (value == null) {
            return null;
        }
        if (value.length() != 2 || !isLetter(value.charAt(0)) || !isLetter(value.charAt(1))) {
            throw new IllegalArgumentException(column + " '" + value + "' is not an ISO 3166 alpha-2 code");
        }
        return value.toUpperCase(Locale.ROOT);
    }

    private static boolean isLetter(final char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static ReplayRow.Label label(final String value) {
        if (value == null) {
            return ReplayRow.Label.UNKNOWN;
        }
        if (value.equals("1")) {
            return ReplayRow.Label.FRAUD;
        }
        if (value.equals("0")) {
            return ReplayRow.Label.GENUINE;
        }
        throw new IllegalArgumentException("label '" + value + "' is neither 1 (fraud) nor 0 (genuine)");
    }

    /** 12 to 19 digits passing the Luhn check: a PAN. Anything else is an opaque card reference. */
    static boolean isPan(final String value) {
        if (value.length() < MIN_PAN_DIGITS || value.length() > MAX_PAN_DIGITS) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return CardNumbers.passesLuhn(value);
    }

    private String readLine() throws IOException {
        try {
            final String text = in.readLine();
            if (text != null) {
                line++;
            }
            return text;
        } catch (final CharacterCodingException e) {
            throw new ReplayFormatException(source, line + 1, "not UTF-8 text");
        }
    }

    private ReplayFormatException problem(final String what) {
        return new ReplayFormatException(source, line, what);
    }

    /** Splits a line into {@code out}; returns the field count (fields beyond the array are counted, not kept). */
    private int split(final String text, final String[] out) throws ReplayFormatException {
        final List<String> all = new ArrayList<>(out.length);
        split(text, all);
        for (int i = 0; i < Math.min(out.length, all.size()); i++) {
            out[i] = all.get(i);
        }
        return all.size();
    }

    /** RFC 4180 fields of one line, stripped of surrounding blanks. */
    private void split(final String text, final List<String> out) throws ReplayFormatException {
        final int length = text.length();
        int i = 0;
        while (true) {
            while (i < length && text.charAt(i) == ' ') {
                i++;
            }
            if (i < length && text.charAt(i) == '"') {
                final StringBuilder quoted = new StringBuilder();
                i++;
                while (true) {
                    if (i >= length) {
                        throw problem("a quoted field is not closed on its line");
                    }
                    final char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < length && text.charAt(i) == '"') {
                            quoted.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        quoted.append(c);
                    }
                }
                while (i < length && text.charAt(i) == ' ') {
                    i++;
                }
                if (i < length && text.charAt(i) != ',') {
                    throw problem("text after a closing quote (field " + (out.size() + 1) + ")");
                }
                out.add(quoted.toString());
            } else {
                final int comma = text.indexOf(',', i);
                final int end = comma < 0 ? length : comma;
                out.add(text.substring(i, end).strip());
                i = end;
            }
            if (i >= length) {
                return;
            }
            i++; // past the comma
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
