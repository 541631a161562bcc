package io.ringfence.cli;

import io.ringfence.models.data.GeneratedCsv;
import io.ringfence.synthetic.GeneratorConfig;
import io.ringfence.synthetic.HandbookConfig;
import io.ringfence.synthetic.HandbookScenario;
import io.ringfence.synthetic.HandbookSimulator;
import io.ringfence.synthetic.HandbookTraffic;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ringfence generate}: synthetic traffic as a CSV replay file. Reproducible: the same arguments give the
 * same file, byte for byte.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Writes synthetic card traffic as a CSV replay file: a header row, then one row per authorization in time"
            + " order, with the ground-truth label (1 fraud, 0 genuine) and an extra scenario column naming the story"
            + " a row belongs to (empty for ordinary traffic; a story's rows include its genuine ones, so use the label"
            + " for fraud).",
        "--profile ringfence (the default) is the generator the demo uses: every column of the replay format, card"
            + " present and not present. Fraud reports and flag clears are not rows: in the replay format labels come"
            + " back as fraud reports after the feedback delay. The card column holds the synthetic PAN; once a card's"
            + " fraud is known the customer carries on with a new card number. The fraud stories and their rates are"
            + " described in the README, under Synthetic data and fraud scenarios.",
        "--profile handbook re-implements the Fraud Detection Handbook's simulator (chapter 3.2): customers and"
            + " terminals on a 100 x 100 grid, each customer using the terminals within distance 5, card present only,"
            + " and its three fraud scenarios (amounts over 220; two terminals compromised a day for 28 days; three"
            + " customers compromised a day, a third of their next 14 days' transactions at 5 times the amount). It"
            + " writes only the columns the handbook's data has: id, timestamp, card (the customer, C596), channel,"
            + " amount, currency, merchant, terminal, label, scenario.",
        "The same arguments give the same file, byte for byte."})
public final class GenerateCommand implements Callable<Integer> {
    /** Exit code when the output file cannot be written. */
    static final int OUTPUT_ERROR = 1;
    static final int MAX_CARDS = 1_000_000;
    /** Ten years. */
    static final int MAX_DAYS = 3_660;
    /** {@link GeneratorConfig#FIRST_DAY_DEFAULT}, as the help text needs it. */
    static final String START_DEFAULT = "2025-03-03";
    /** {@link HandbookConfig#PUBLISHED_FIRST_DAY}, as the help text needs it. */
    static final String HANDBOOK_START_DEFAULT = "2018-04-01";

    /** Which generator writes the file. */
    enum Profile {
        RINGFENCE,
        HANDBOOK
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "ringfence", converter = ProfileArgument.class,
        description = "ringfence (default) or handbook; see above.")
    private Profile profile;

    @Option(names = "--cards", paramLabel = "N",
        description = "ringfence: cardholders, one card at a time each: a card whose fraud becomes known is replaced"
            + " by a new card number (" + GeneratorConfig.CARDS_MINIMUM + " to " + MAX_CARDS + ", default "
            + GeneratorConfig.CARDS_DEFAULT + "). handbook: customers, one card each (at least "
            + HandbookConfig.MINIMUM_SIZE + ", default " + HandbookConfig.PUBLISHED_CUSTOMERS + ").")
    private Integer cards;

    @Option(names = "--terminals", paramLabel = "N",
        description = "handbook only: terminals (at least " + HandbookConfig.MINIMUM_SIZE + ", default "
            + HandbookConfig.PUBLISHED_TERMINALS + ").")
    private Integer terminals;

    @Option(names = "--days", paramLabel = "D",
        description = "Days of traffic (1 to " + MAX_DAYS + "; default 1, or " + HandbookConfig.PUBLISHED_DAYS
            + " for handbook, whose cards times days may be at most " + HandbookConfig.MAXIMUM_CUSTOMER_DAYS + ").")
    private Integer days;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + GeneratorConfig.SEED_DEFAULT,
        description = "Random seed (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--fraud-rate", paramLabel = "X",
        description = "ringfence only: multiplier on every fraud story's daily case rate (more than 0, at most "
            + GeneratorConfig.FRAUD_RATE_MAXIMUM + ", default " + GeneratorConfig.FRAUD_RATE_DEFAULT + ": about 0.7%%"
            + " of authorizations are fraud). Every story still has at least one case a day.")
    private Double fraudRate;

    @Option(names = "--start", paramLabel = "DATE", converter = DateArgument.class,
        description = "First day, UTC, as yyyy-mm-dd (default " + START_DEFAULT + ", or " + HANDBOOK_START_DEFAULT
            + " for handbook, as the handbook's data).")
    private LocalDate start;

    @Option(names = "--out", paramLabel = "FILE", required = true,
        description = "The CSV file to write (replaced if it exists).")
    private Path out;

    @Override
    public Integer call() {
        final int dayCount = days == null ? (profile == Profile.HANDBOOK ? HandbookConfig.PUBLISHED_DAYS : 1) : days;
        if (dayCount < 1 || dayCount > MAX_DAYS) {
            throw new ParameterException(spec.commandLine(), "--days must be between 1 and " + MAX_DAYS + ", was "
                + dayCount);
        }
        if (Files.isDirectory(out)) {
            return failed(out + " is a directory");
        }
        return profile == Profile.HANDBOOK ? handbook(dayCount) : ringfence(dayCount);
    }

    private int ringfence(final int dayCount) {
        if (terminals != null) {
            throw new ParameterException(spec.commandLine(), "--terminals applies to --profile handbook only");
        }
        final int cardCount = cards == null ? GeneratorConfig.CARDS_DEFAULT : cards;
        if (cardCount < GeneratorConfig.CARDS_MINIMUM || cardCount > MAX_CARDS) {
            throw new ParameterException(spec.commandLine(), "--cards must be between " + GeneratorConfig.CARDS_MINIMUM
                + " and " + MAX_CARDS + ", was " + cardCount);
        }
        final double rate = fraudRate == null ? GeneratorConfig.FRAUD_RATE_DEFAULT : fraudRate;
        if (!(rate > 0 && rate <= GeneratorConfig.FRAUD_RATE_MAXIMUM)) {
            throw new ParameterException(spec.commandLine(), "--fraud-rate must be more than 0 and at most "
                + GeneratorConfig.FRAUD_RATE_MAXIMUM + ", was " + rate);
        }
        final GeneratorConfig config = new GeneratorConfig(cardCount, dayCount, seed,
            start == null ? GeneratorConfig.FIRST_DAY_DEFAULT : start, rate);
        final long startNanos = System.nanoTime();
        final GeneratedCsv.Summary written;
        try {
            written = GeneratedCsv.write(config, out);
        } catch (final IOException e) {
            return failed("cannot write " + out + ": " + describe(e));
        }
        final double seconds = (System.nanoTime() - startNanos) / 1e9;
        spec.commandLine().getOut().printf(Locale.ROOT,
            "wrote %,d authorizations (%,d fraud, %.2f%%; %,d card-present, %,d card-not-present) for %,d cards over"
                + " %d day%s from %s to %s: %,.1f MB in %.1f s (%,.0f rows/s)%n",
            written.rows(), written.fraudRows(), 100.0 * written.fraudRows() / Math.max(1, written.rows()),
            written.cardPresentRows(), written.rows() - written.cardPresentRows(),
            cardCount, dayCount, dayCount == 1 ? "" : "s", config.firstDay(), out, size(out) / 1e6, seconds,
            written.rows() / Math.max(seconds, 1e-9));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private int handbook(final int dayCount) {
        if (fraudRate != null) {
            throw new ParameterException(spec.commandLine(), "--fraud-rate applies to --profile ringfence only: the"
                + " handbook's scenarios have fixed rates");
        }
        final int customers = cards == null ? HandbookConfig.PUBLISHED_CUSTOMERS : cards;
        final int terminalCount = terminals == null ? HandbookConfig.PUBLISHED_TERMINALS : terminals;
        if (customers < HandbookConfig.MINIMUM_SIZE || terminalCount < HandbookConfig.MINIMUM_SIZE) {
            throw new ParameterException(spec.commandLine(), "--cards and --terminals must be at least "
                + HandbookConfig.MINIMUM_SIZE + ", were " + customers + " and " + terminalCount);
        }
        if ((long)customers * dayCount > HandbookConfig.MAXIMUM_CUSTOMER_DAYS) {
            throw new ParameterException(spec.commandLine(), "--cards times --days must be at most "
                + HandbookConfig.MAXIMUM_CUSTOMER_DAYS + " for --profile handbook (it holds every transaction in"
                + " memory), was " + (long)customers * dayCount);
        }
        final HandbookConfig config = new HandbookConfig(customers, terminalCount, dayCount, seed,
            start == null ? HandbookConfig.PUBLISHED_FIRST_DAY : start);
        final long startNanos = System.nanoTime();
        final HandbookTraffic traffic = HandbookSimulator.generate(config);
        try {
            GeneratedCsv.writeHandbook(traffic, out);
        } catch (final IOException e) {
            return failed("cannot write " + out + ": " + describe(e));
        }
        final double seconds = (System.nanoTime() - startNanos) / 1e9;
        final Map<HandbookScenario, Long> counts = traffic.countsByScenario();
        spec.commandLine().getOut().printf(Locale.ROOT,
            "wrote %,d card-present transactions (%,d fraud, %.2f%%: %,d over 220, %,d at compromised terminals, %,d"
                + " of compromised customers) for %,d customers and %,d terminals over %d day%s from %s to %s:"
                + " %,.1f MB in %.1f s%n",
            traffic.size(), traffic.frauds(), 100.0 * traffic.frauds() / Math.max(1, traffic.size()),
            counts.get(HandbookScenario.LARGE_AMOUNT), counts.get(HandbookScenario.COMPROMISED_TERMINAL),
            counts.get(HandbookScenario.COMPROMISED_CUSTOMER), customers, terminalCount, dayCount,
            dayCount == 1 ? "" : "s", config.firstDay(), out, size(out) / 1e6, seconds);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static long size(final Path file) {
        try {
            return Files.size(file);
        } catch (final IOException e) {
            return 0;
        }
    }

    /** What went wrong, in a few words: the file system exceptions' messages are often just the path. */
    static String describe(final IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        final String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.replaceAll("\\s*\\R\\s*", " ");
    }

    private int failed(final String message) {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + CommandFailures.oneLine(message));
        spec.commandLine().getErr().flush();
        return OUTPUT_ERROR;
    }

    /** A profile name, case-insensitive. */
    static final class ProfileArgument implements ITypeConverter<Profile> {
        @Override
        public Profile convert(final String value) {
            for (final Profile profile : Profile.values()) {
                if (profile.name().equalsIgnoreCase(value)) {
                    return profile;
                }
            }
            throw new TypeConversionException("'" + value + "' is not a profile: ringfence or handbook");
        }
    }

    /** A day as {@code yyyy-mm-dd}. */
    static final class DateArgument implements ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(final String value) {
            try {
                return LocalDate.parse(value);
            } catch (final DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a date like 2018-04-01");
            }
        }
    }
}
