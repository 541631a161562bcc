package io.ringfence.models.data;

import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.Channel;
import io.ringfence.api.EntryMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CSV replay format reader: the format's contract, and one-line errors naming the line. */
class CsvReplayReaderTest {
    /** A made-up test card number that passes the Luhn check. */
    private static final String PAN = "4111111111111111";
    private static final String T0 = "2018-04-01T00:00:31Z";
    private static final long T0_MILLIS = 1_522_540_831_000L;

    @TempDir
    Path dir;

    private static List<ReplayRow> read(final String csv) throws IOException {
        final List<ReplayRow> rows = new ArrayList<>();
        try (CsvReplayReader reader = new CsvReplayReader(new StringReader(csv), "test.csv")) {
            for (ReplayRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static ReplayRow only(final String csv) throws IOException {
        final List<ReplayRow> rows = read(csv);
        assertEquals(1, rows.size());
        return rows.get(0);
    }

    @Test
    void aCardNumberInTheWrongColumnIsNeverEchoedAndTheErrorNamesLineAndColumn() {
        final String header = "timestamp,card,amount,channel,currency,mcc,entry_mode,merchant_country,label";
        final String good = T0 + "," + PAN + ",1.00,CP,USD,5411,chip,US,0";
        final String stray = "4556737586899855";
        for (int column = 3; column < 9; column++) {
            final String[] fields = good.split(",");
            fields[column] = stray;
            final String csv = header + "\n" + good + "\n" + String.join(",", fields) + "\n";
            final ReplayFormatException e = assertThrows(ReplayFormatException.class, () -> read(csv),
                header.split(",")[column]);
            assertFalse(e.getMessage().contains(stray), e.getMessage());
            assertFalse(e.problem().contains(stray), e.problem());
            assertTrue(e.getMessage().startsWith("test.csv:3: column " + (column + 1) + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("455673******9855"), e.getMessage());
        }
    }

    @Test
    void readsEveryColumnOfTheFormat() throws IOException {
        final ReplayRow row = only(String.join(",", ReplayColumns.ALL) + "\n"
            + T0 + "," + PAN + ",57.16,CNP,tx1,EUR,M1,,5411,de,FR,RO,10.0.0.1,dev-1,a@b.example,ecommerce,1,"
            + "stolen-card\n");
        final AuthorizationRequest r = row.request();
        assertEquals(2, row.line());
        assertEquals("tx1", row.id());
        assertEquals("tx1", r.requestId());
        assertTrue(PAN.equals(r.pan()), "the PAN is not read as a PAN");
        assertNull(r.cardReference());
        assertEquals(T0_MILLIS, r.transmissionTimeMillis());
        assertEquals(5716, r.amountMinor());
        assertEquals("EUR", r.currency());
        assertEquals(Channel.CNP, r.channel());
        assertEquals(EntryMode.ECOMMERCE, r.entryMode());
        assertEquals("M1", r.merchantId());
        assertNull(r.terminalId());
        assertEquals(5411, r.mcc());
        assertEquals("DE", r.merchantCountry());
        assertEquals("FR", r.cardCountry());
        assertEquals("RO", r.ipCountry());
        assertEquals("10.0.0.1", r.ipAddress());
        assertEquals("dev-1", r.deviceId());
        assertEquals("a@b.example", r.email());
        assertEquals(ReplayRow.Label.FRAUD, row.label());
        assertEquals("stolen-card", row.scenario());
    }

    @Test
    void onlyTheRequiredColumnsAreNeededAndTheRestDefault() throws IOException {
        final ReplayRow row = only("timestamp,card,amount,channel\n" + T0 + "," + PAN + ",12,CP\n");
        final AuthorizationRequest r = row.request();
        assertEquals("USD", r.currency());
        assertEquals(1200, r.amountMinor());
        assertEquals(Channel.CP, r.channel());
        assertEquals(EntryMode.CHIP, r.entryMode());
        assertEquals(ReplayColumns.MERCHANT_DEFAULT, r.merchantId());
        assertNull(r.terminalId());
        assertNull(row.id());
        assertEquals(AuthorizationRequest.NO_MCC, r.mcc());
        assertEquals(ReplayRow.Label.UNKNOWN, row.label());
        assertNull(row.scenario());
    }

    @Test
    void theEntryModeFollowsTheChannelWhenTheFileHasNone() throws IOException {
        final List<ReplayRow> rows = read("timestamp,card,amount,channel,entry_mode\n"
            + T0 + "," + PAN + ",1,CP,\n" + T0 + "," + PAN + ",1,CNP,\n" + T0 + "," + PAN + ",1,CP,swipe\n");
        assertEquals(List.of(EntryMode.CHIP, EntryMode.ECOMMERCE, EntryMode.SWIPE),
            rows.stream().map(row -> row.request().entryMode()).toList());
    }

    @Test
    void aTerminalWithoutAMerchantIsItsOwnMerchant() throws IOException {
        final AuthorizationRequest r = only("timestamp,card,amount,channel,terminal\n" + T0 + "," + PAN
            + ",1,CP,T17\n").request();
        assertEquals("T17", r.merchantId());
        assertEquals("T17", r.terminalId());
    }

    @Test
    void aZeroAmountIsReadAsAnAccountVerification() throws IOException {
        assertEquals(0, only("timestamp,card,amount,channel\n" + T0 + "," + PAN + ",0.00,CP\n").request()
            .amountMinor());
    }

    @Test
    void columnOrderDoesNotMatter() throws IOException {
        final ReplayRow a = only("timestamp,card,amount,channel,currency,label,id\n"
            + T0 + "," + PAN + ",9.99,CP,GBP,0,x\n");
        final ReplayRow b = only("id,label,currency,channel,amount,card,timestamp\n"
            + "x,0,GBP,CP,9.99," + PAN + "," + T0 + "\n");
        assertEquals(a.id(), b.id());
        assertEquals(a.label(), b.label());
        assertEquals(ReplayRow.Label.GENUINE, b.label());
        assertEquals(a.timeMillis(), b.timeMillis());
        assertEquals(a.request().amountMinor(), b.request().amountMinor());
        assertEquals(a.request().currency(), b.request().currency());
        assertEquals(a.request().channel(), b.request().channel());
        assertTrue(a.request().pan().equals(b.request().pan()));
    }

    @Test
    void unknownColumnsAreIgnoredWhateverTheyHold() throws IOException {
        final ReplayRow row = only("Notes,timestamp,card,V17,amount,channel,TX_FRAUD_SCENARIO\n"
            + "anything at all," + T0 + "," + PAN + ",-3.5e9,1.00,CNP,\"x, \"\"y\"\"\"\n");
        assertEquals(100, row.request().amountMinor());
    }

    @Test
    void epochMillisecondTimestampsAreAccepted() throws IOException {
        assertEquals(T0_MILLIS, only("timestamp,card,amount,channel\n" + T0_MILLIS + "," + PAN + ",1,CP\n")
            .timeMillis());
        assertEquals(T0_MILLIS + 250, only("timestamp,card,amount,channel\n2018-04-01T00:00:31.250Z," + PAN
            + ",1,CP\n").timeMillis());
        assertEquals(T0_MILLIS, only("timestamp,card,amount,channel\n2018-04-01T02:00:31+02:00," + PAN
            + ",1,CP\n").timeMillis());
    }

    @Test
    void amountsFollowTheCurrencysFractionDigits() throws IOException {
        final String header = "timestamp,card,amount,channel,currency\n";
        assertEquals(1500, only(header + T0 + "," + PAN + ",1500,CP,JPY\n").request().amountMinor());
        assertEquals(1500, only(header + T0 + "," + PAN + ",1500.0,CP,jpy\n").request().amountMinor());
        assertEquals(12_345, only(header + T0 + "," + PAN + ",12.345,CP,BHD\n").request().amountMinor());
        assertEquals(12_300, only(header + T0 + "," + PAN + ",12.3,CP,BHD\n").request().amountMinor());
        assertEquals(5, only(header + T0 + "," + PAN + ",0.005,CP,BHD\n").request().amountMinor());
        assertEquals(50, only(header + T0 + "," + PAN + ",.5,CP,USD\n").request().amountMinor());
        assertEquals("JPY", only(header + T0 + "," + PAN + ",1,CP,jpy\n").request().currency());
    }

    @Test
    void aCardThatIsNotALuhnValidNumberIsAReference() throws IOException {
        final String header = "timestamp,card,amount,channel\n";
        for (final String card : new String[] {"C1093826151", "C596", "596", "4111111111111112", "41111111111",
            "tok_abc"}) {
            final AuthorizationRequest r = only(header + T0 + "," + card + ",1,CP\n").request();
            assertNull(r.pan(), card);
            assertEquals(card, r.cardReference());
        }
    }

    @Test
    void blankLinesAByteOrderMarkAndCrlfAreNotProblems() throws IOException {
        final List<ReplayRow> rows = read("\uFEFFtimestamp,card,amount,channel\r\n" + T0 + "," + PAN
            + ",1,CP\r\n\r\n" + T0 + "," + PAN + ",2,CNP\r\n\n");
        assertEquals(2, rows.size());
        assertEquals(4, rows.get(1).line());
        assertEquals(200, rows.get(1).request().amountMinor());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "a missing required column;  timestamp,card,amount;            ;                                "
            + "1; no 'channel' column",
        "a duplicate column;         timestamp,card,amount,channel,card; ;                             "
            + "1; 'card' appears twice",
        "too few fields;             timestamp,card,amount,channel;  T0,PAN,1.00;                       "
            + "3; expected 4 fields",
        "too many fields;            timestamp,card,amount,channel;  T0,PAN,1.00,CP,x;                  "
            + "3; found 5",
        "a bad timestamp;            timestamp,card,amount,channel;  2018-04-01 00:00:31,PAN,1.00,CP;   "
            + "3; timestamp '2018-04-01 00:00:31'",
        "an empty timestamp;         timestamp,card,amount,channel;  \"\",PAN,1.00,CP;                  "
            + "3; timestamp is empty",
        "an empty card;              timestamp,card,amount,channel;  T0,\"\",1.00,CP;                   "
            + "3; card is empty",
        "a negative amount;          timestamp,card,amount,channel;  T0,PAN,-1.00,CP;                   "
            + "3; amount '-1.00'",
        "an amount in words;         timestamp,card,amount,channel;  T0,PAN,ten,CP;                     "
            + "3; amount 'ten'",
        "too many decimals;          timestamp,card,amount,channel;  T0,PAN,1.005,CP;                   "
            + "3; more decimals than USD",
        "a huge amount;              timestamp,card,amount,channel;  T0,PAN,99999999999999999999,CP;    "
            + "3; too large",
        "a bad channel;              timestamp,card,amount,channel;  T0,PAN,1.00,POS;                   "
            + "3; channel 'POS'",
        "an unknown currency;        timestamp,card,amount,channel,currency; T0,PAN,1.00,CP,XYZ;       "
            + "3; currency 'XYZ'",
        "a bad entry mode;           timestamp,card,amount,channel,entry_mode; T0,PAN,1.00,CP,tap;     "
            + "3; entry_mode 'tap'",
        "a bad mcc;                  timestamp,card,amount,channel,mcc; T0,PAN,1.00,CP,54111;           "
            + "3; mcc '54111'",
        "a bad country;              timestamp,card,amount,channel,ip_country; T0,PAN,1.00,CNP,USA;    "
            + "3; ip_country 'USA'",
        "a bad label;                timestamp,card,amount,channel,label; T0,PAN,1.00,CP,yes;           "
            + "3; label 'yes'",
        "an unclosed quote;          timestamp,card,amount,channel;  T0,PAN,\"1.00,CP;                  "
            + "3; quoted field is not closed",
    })
    void aMalformedRowIsOneLineNamingTheFileAndLine(final String what, final String header, final String row,
        final int line, final String problem) throws IOException {
        final String body = row == null ? "" : validRow(header) + "\n" + row.replace("T0", T0).replace("PAN", PAN)
            + "\n";
        final Path file = dir.resolve("bad.csv");
        Files.writeString(file, header + "\n" + body, StandardCharsets.UTF_8);
        final ReplayFormatException e = assertThrows(ReplayFormatException.class,
            () -> CsvReplayReader.forEach(file, r -> { }), what);
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + ":" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertFalse(e.getMessage().contains(PAN), "the error shows the card number");
    }

    /** A well-formed row for the header, so the malformed one is on line 3. */
    private static String validRow(final String header) {
        final Map<String, String> valid = Map.of("timestamp", T0, "card", PAN, "amount", "1.00", "channel", "CP",
            "currency", "USD", "entry_mode", "chip", "mcc", "5411", "ip_country", "US", "label", "0");
        return Arrays.stream(header.split(",")).map(valid::get).collect(Collectors.joining(","));
    }

    @Test
    void anEmptyFileIsAnError() throws IOException {
        final Path file = dir.resolve("empty.csv");
        Files.writeString(file, "");
        final ReplayFormatException e = assertThrows(ReplayFormatException.class,
            () -> CsvReplayReader.forEach(file, r -> { }));
        assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
    }

    @Test
    void textThatIsNotUtf8IsAnErrorNamingTheLine() throws IOException {
        final Path file = dir.resolve("latin1.csv");
        final byte[] head = ("timestamp,card,amount,channel,merchant\n" + T0 + "," + PAN + ",1,CP,caf")
            .getBytes(StandardCharsets.US_ASCII);
        final byte[] bytes = new byte[head.length + 2];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte)0xE9;
        bytes[head.length + 1] = '\n';
        Files.write(file, bytes);
        final ReplayFormatException e = assertThrows(ReplayFormatException.class,
            () -> CsvReplayReader.forEach(file, r -> { }));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }
}
