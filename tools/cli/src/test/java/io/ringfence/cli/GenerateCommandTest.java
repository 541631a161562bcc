package io.ringfence.cli;

import io.ringfence.api.AuthorizationRequest;
import io.ringfence.cli.RingfenceCli;
import io.ringfence.api.Channel;
import io.ringfence.models.data.CsvReplayReader;
import io.ringfence.models.data.GeneratedCsv;
import io.ringfence.models.data.ReplayColumns;
import io.ringfence.models.data.ReplayRow;
import io.ringfence.synthetic.GeneratorConfig;
import io.ringfence.synthetic.HandbookConfig;
import io.ringfence.synthetic.HandbookSimulator;
import io.ringfence.synthetic.HandbookTraffic;
import io.ringfence.synthetic.HandbookTransaction;
import io.ringfence.synthetic.ScenarioKind;
import io.ringfence.synthetic.SyntheticAuthorization;
import io.ringfence.synthetic.SyntheticEvent;
import io.ringfence.synthetic.SyntheticTraffic;
import io.ringfence.synthetic.TrafficGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ringfence generate}: reproducible files in the replay format that the replay reader reads back as the
 * generator's own authorizations. Card numbers are compared by digest or by equality, never printed.
 */
class GenerateCommandTest {
    private static final int CARDS = 400;
    private static final int DAYS = 3;
    private static final long SEED = 11;

    @TempDir
    static Path shared;
    private static Path generated;

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void generateOnce() {
        generated = shared.resolve("traffic.csv");
        final int exit = RingfenceCli.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
            "generate", "--cards", "" + CARDS, "--days", "" + DAYS, "--seed", "" + SEED, "--out",
            generated.toString());
        assertEquals(0, exit);
    }

    private int run(final String... args) {
        return RingfenceCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void theSameArgumentsGiveTheSameFileByteForByte() throws IOException {
        final Path again = dir.resolve("again.csv");
        assertEquals(0, run("generate", "--cards", "" + CARDS, "--days", "" + DAYS, "--seed", "" + SEED, "--out",
            again.toString()), err.toString());
        assertEquals(sha256(generated), sha256(again));
        assertTrue(out.toString().startsWith("wrote "), out.toString());
        assertFalse(Files.exists(dir.resolve("again.csv.partial")), "the partial file was left behind");
    }

    @Test
    void anotherSeedOrStartGivesAnotherFile() throws IOException {
        final Path seed = dir.resolve("seed.csv");
        final Path start = dir.resolve("start.csv");
        assertEquals(0, run("generate", "--cards", "" + CARDS, "--days", "" + DAYS, "--seed", "" + (SEED + 1),
            "--out", seed.toString()), err.toString());
        assertEquals(0, run("generate", "--cards", "" + CARDS, "--days", "" + DAYS, "--seed", "" + SEED,
            "--start", "2018-04-01", "--out", start.toString()), err.toString());
        assertNotEquals(sha256(generated), sha256(seed));
        assertNotEquals(sha256(generated), sha256(start));
        try (CsvReplayReader reader = CsvReplayReader.open(start)) {
            final ReplayRow first = reader.next();
            assertNotNull(first);
            assertEquals(LocalDate.of(2018, 4, 1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli(),
                first.timeMillis() - first.timeMillis() % 86_400_000L);
        }
    }

    @Test
    void theHeaderIsTheBriefsColumnsThenScenario() throws IOException {
        final String header;
        try (BufferedReader reader = Files.newBufferedReader(generated, StandardCharsets.UTF_8)) {
            header = reader.readLine();
        }
        assertEquals("timestamp,card,amount,channel,id,currency,merchant,terminal,mcc,merchant_country,card_country,"
            + "ip_country,ip,device,email,entry_mode,label,scenario", header);
        assertEquals(String.join(",", ReplayColumns.ALL), header);
    }

    @Test
    void rowsLookLikeTheBriefsExample() throws IOException {
        final List<String> lines;
        try (var stream = Files.lines(generated, StandardCharsets.UTF_8)) {
            lines = stream.skip(1).limit(2_000).toList();
        }
        for (final String line : lines) {
            final String[] f = line.split(",", -1);
            assertEquals(ReplayColumns.ALL.size(), f.length, "fields");
            assertTrue(f[0].matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"), f[0]);
            assertTrue(f[1].matches("\\d{16}"), "the card column is not a 16-digit PAN");
            assertTrue(f[2].matches("\\d+\\.\\d{2}"), f[2]);
            assertTrue(f[3].equals("CP") || f[3].equals("CNP"), f[3]);
            assertTrue(f[8].matches("\\d{4}"), f[8]);
            assertTrue(Set.of("chip", "contactless", "swipe", "manual", "ecommerce", "moto", "wallet", "chip_and_pin",
                "ecommerce_3ds").contains(f[15]),
                f[15]);
            assertTrue(f[16].equals("0") || f[16].equals("1"), f[16]);
            if (f[3].equals("CP")) {
                assertFalse(f[7].isEmpty(), "card-present row without a terminal");
            } else {
                assertFalse(f[12].isEmpty() || f[13].isEmpty() || f[14].isEmpty(), "CNP row without ip/device/email");
            }
        }
    }

    @Test
    void theReaderReadsBackEveryAuthorizationOfTheGenerator() throws IOException {
        final SyntheticTraffic traffic = TrafficGenerator.generate(new GeneratorConfig(CARDS, DAYS, SEED,
            GeneratorConfig.FIRST_DAY_DEFAULT));
        final List<SyntheticAuthorization> expected = new ArrayList<>();
        for (final SyntheticEvent event : traffic.events()) {
            if (event instanceof SyntheticAuthorization authorization) {
                expected.add(authorization);
            }
        }
        final List<ReplayRow> rows = new ArrayList<>();
        final long count = CsvReplayReader.forEach(generated, rows::add);

        assertEquals(traffic.authorizations(), count);
        assertEquals(expected.size(), rows.size());
        int fraud = 0;
        final Set<String> scenarios = new TreeSet<>();
        for (int i = 0; i < rows.size(); i++) {
            final ReplayRow row = rows.get(i);
            final SyntheticAuthorization want = expected.get(i);
            final AuthorizationRequest got = row.request();
            final AuthorizationRequest sent = want.toRequest();
            assertEquals(i + 2, row.line());
            assertEquals(want.id(), row.id());
            assertEquals(want.id(), got.requestId());
            assertTrue(sent.pan().equals(got.pan()), "row " + want.id() + ": the card is not read back as its PAN");
            assertEquals(null, got.cardReference());
            assertEquals(sent.transmissionTimeMillis(), got.transmissionTimeMillis(), want.id());
            assertEquals(sent.amountMinor(), got.amountMinor(), want.id());
            assertEquals(sent.currency(), got.currency());
            assertEquals(sent.channel(), got.channel());
            assertEquals(sent.entryMode(), got.entryMode());
            assertEquals(sent.merchantId(), got.merchantId());
            assertEquals(sent.terminalId(), got.terminalId());
            assertEquals(sent.mcc(), got.mcc());
            assertEquals(sent.merchantCountry(), got.merchantCountry());
            assertEquals(sent.cardCountry(), got.cardCountry());
            assertEquals(sent.ipCountry(), got.ipCountry());
            assertEquals(sent.ipAddress(), got.ipAddress());
            assertEquals(sent.deviceId(), got.deviceId());
            assertEquals(sent.email(), got.email());
            assertEquals(want.tag().fraud(), row.fraud(), want.id());
            assertEquals(want.tag().isNormal() ? null : want.tag().kind().tagName(), row.scenario(), want.id());
            fraud += row.fraud() ? 1 : 0;
            if (row.scenario() != null) {
                scenarios.add(row.scenario());
            }
        }
        assertEquals(traffic.fraudulentAuthorizations(), fraud);
        assertTrue(fraud > 0, "no fraud rows");
        final Set<String> stories = new TreeSet<>();
        for (final ScenarioKind kind : EnumSet.complementOf(EnumSet.of(ScenarioKind.NORMAL))) {
            stories.add(kind.tagName());
        }
        assertEquals(stories, scenarios);
    }

    @Test
    void theDefaultsAreTheGeneratorsOwn() {
        assertEquals(LocalDate.parse(GenerateCommand.START_DEFAULT), GeneratorConfig.FIRST_DAY_DEFAULT);
        assertEquals(LocalDate.parse(GenerateCommand.HANDBOOK_START_DEFAULT), HandbookConfig.PUBLISHED_FIRST_DAY);
    }

    @Test
    void theHandbookProfileWritesOnlyTheHandbooksColumnsReproducibly() throws IOException {
        final Path handbook = dir.resolve("handbook.csv");
        final String[] args = {"generate", "--profile", "handbook", "--cards", "300", "--terminals", "600", "--days",
            "20", "--seed", "5", "--out", handbook.toString()};
        assertEquals(0, run(args), err.toString());
        assertTrue(out.toString().startsWith("wrote "), out.toString());
        assertTrue(out.toString().contains("for 300 customers and 600 terminals over 20 days from 2018-04-01"),
            out.toString());
        try (BufferedReader reader = Files.newBufferedReader(handbook, StandardCharsets.UTF_8)) {
            assertEquals(GeneratedCsv.HANDBOOK_HEADER, reader.readLine());
        }
        final HandbookTraffic expected = HandbookSimulator.generate(new HandbookConfig(300, 600, 20, 5,
            HandbookConfig.PUBLISHED_FIRST_DAY));
        final List<ReplayRow> rows = new ArrayList<>();
        CsvReplayReader.forEach(handbook, rows::add);
        assertEquals(expected.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            final HandbookTransaction t = expected.get(i);
            final AuthorizationRequest r = rows.get(i).request();
            assertEquals("C" + t.customer(), r.cardReference());
            assertEquals(t.timeMillis(), r.transmissionTimeMillis());
            assertEquals(t.amountCents(), r.amountMinor());
            assertEquals("T" + t.terminal(), r.terminalId());
            assertEquals(Channel.CP, r.channel());
            assertEquals(t.fraud(), rows.get(i).fraud());
            assertEquals(t.fraud() ? t.scenario().tagName() : null, rows.get(i).scenario());
        }
        final Path again = dir.resolve("again.csv");
        args[args.length - 1] = again.toString();
        assertEquals(0, run(args), err.toString());
        assertEquals(sha256(handbook), sha256(again));
    }

    @Test
    void aHigherFraudRateGivesMoreFraudRows() throws IOException {
        final Path doubled = dir.resolve("doubled.csv");
        assertEquals(0, run("generate", "--cards", "" + CARDS, "--days", "" + DAYS, "--seed", "" + SEED,
            "--fraud-rate", "3", "--out", doubled.toString()), err.toString());
        assertTrue(fraudRows(doubled) > fraudRows(generated), "the fraud rate made no difference");
    }

    private static long fraudRows(final Path file) throws IOException {
        final long[] fraud = new long[1];
        CsvReplayReader.forEach(file, row -> fraud[0] += row.fraud() ? 1 : 0);
        return fraud[0];
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "generate --cards 50 --out x.csv;                  --cards",
        "generate --cards lots --out x.csv;                --cards",
        "generate --days 0 --out x.csv;                    --days",
        "generate --days 3661 --out x.csv;                 --days",
        "generate --fraud-rate 0 --out x.csv;              --fraud-rate",
        "generate --fraud-rate 11 --out x.csv;             --fraud-rate",
        "generate --fraud-rate lots --out x.csv;           --fraud-rate",
        "generate --seed --out x.csv;                      --seed",
        "generate --start 2018-13-01 --out x.csv;          2018-13-01",
        "generate --cards 100;                             --out",
        "generate --cards 100 --out x.csv extra;           extra",
        "generate --profile bogus --out x.csv;             bogus",
        "generate --terminals 50 --out x.csv;              --terminals",
        "generate --profile handbook --fraud-rate 2 --out x.csv;              --fraud-rate",
        "generate --profile handbook --cards 2 --out x.csv;                   --cards",
        "generate --profile handbook --cards 100000 --days 100 --out x.csv;   --cards times --days",
    })
    void aBadCommandLineGetsOneLineAndExitCodeTwo(final String commandLine, final String named) {
        assertEquals(RingfenceCli.USAGE_ERROR, run(commandLine.split(" ")));
        final String message = err.toString();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains(named), message);
        assertTrue(message.startsWith("ringfence generate: "), message);
    }

    @Test
    void anUnwritableOutputGetsOneLineAndExitCodeOne() throws IOException {
        assertEquals(GenerateCommand.OUTPUT_ERROR, run("generate", "--cards", "100", "--out",
            dir.resolve("no/such/dir/x.csv").toString()));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("cannot write") && err.toString().contains("no such directory"),
            err.toString());

        final StringWriter err2 = new StringWriter();
        Files.createDirectories(dir.resolve("adir"));
        assertEquals(GenerateCommand.OUTPUT_ERROR, RingfenceCli.run(new PrintWriter(new StringWriter()),
            new PrintWriter(err2, true), "generate", "--cards", "100", "--out", dir.resolve("adir").toString()));
        assertEquals(1, err2.toString().lines().count(), err2.toString());
        assertTrue(err2.toString().contains("is a directory"), err2.toString());
    }

    private static String sha256(final Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (final NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
