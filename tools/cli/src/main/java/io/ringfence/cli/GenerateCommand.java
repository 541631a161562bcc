package io.ringfence.cli;

import io.ringfence.models.data.GeneratedCsv;
import io.ringfence.synthetic.GeneratorConfig;
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
import java.util.concurrent.Callable;

/**
 * {@code ringfence generate}: synthetic traffic as a CSV replay file. Reproducible: the same arguments give the
 * same file, byte for byte.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Writes synthetic card traffic (the generator the demo uses) as a CSV replay file: a header row, then one"
            + " row per authorization in time order, with the columns of the replay format, the ground-truth label"
            + " (1 fraud, 0 genuine) and an extra scenario column naming the story a row belongs to (empty for"
            + " ordinary traffic; a story's rows include its genuine ones, so use the label for fraud).",
        "Fraud reports and flag clears are not rows: in the replay format labels come back as fraud reports after"
            + " the feedback delay. The card column holds the synthetic PAN; once a card's fraud is known the"
            + " customer carries on with a new card number. The fraud stories and their rates are described in the"
            + " README, under Synthetic data and fraud scenarios.",
        "The same arguments give the same file, byte for byte."})
public final class GenerateCommand implements Callable<Integer> {
    /** Exit code when the output file cannot be written. */
    static final int OUTPUT_ERROR = 1;
    static final int MAX_CARDS = 1_000_000;
    /** Ten years. */
    static final int MAX_DAYS = 3_660;
    /** {@link GeneratorConfig#FIRST_DAY_DEFAULT}, as the annotation needs it. */
    static final String START_DEFAULT = "2025-03-03";

    @Spec
    private CommandSpec spec;

    @Option(names = "--cards", paramLabel = "N", defaultValue = "" + GeneratorConfig.CARDS_DEFAULT,
        description = "Cardholders, one card at a time each: a card whose fraud becomes known is replaced by a new"
            + " card number (" + GeneratorConfig.CARDS_MINIMUM + " to " + MAX_CARDS + ", default ${DEFAULT-VALUE}).")
    private int cards;

    @Option(names = "--days", paramLabel = "D", defaultValue = "1",
        description = "Days of traffic (1 to " + MAX_DAYS + ", default ${DEFAULT-VALUE}).")
    private int days;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + GeneratorConfig.SEED_DEFAULT,
        description = "Random seed (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--fraud-rate", paramLabel = "X", defaultValue = "" + GeneratorConfig.FRAUD_RATE_DEFAULT,
        description = "Multiplier on every fraud story's daily case rate (more than 0, at most "
            + GeneratorConfig.FRAUD_RATE_MAXIMUM + ", default ${DEFAULT-VALUE}: about 0.7%% of authorizations are"
            + " fraud). Every story still has at least one case a day.")
    private double fraudRate;

    @Option(names = "--start", paramLabel = "DATE", converter = DateArgument.class, defaultValue = START_DEFAULT,
        description = "First day, UTC, as yyyy-mm-dd (default ${DEFAULT-VALUE}).")
    private LocalDate start;

    @Option(names = "--out", paramLabel = "FILE", required = true,
        description = "The CSV file to write (replaced if it exists).")
    private Path out;

    @Override
    public Integer call() {
        if (cards < GeneratorConfig.CARDS_MINIMUM || cards > MAX_CARDS) {
            throw new ParameterException(spec.commandLine(), "--cards must be between " + GeneratorConfig.CARDS_MINIMUM
                + " and " + MAX_CARDS + ", was " + cards);
        }
        if (days < 1 || days > MAX_DAYS) {
            throw new ParameterException(spec.commandLine(), "--days must be between 1 and " + MAX_DAYS + ", was "
                + days);
        }
        if (!(fraudRate > 0 && fraudRate <= GeneratorConfig.FRAUD_RATE_MAXIMUM)) {
            throw new ParameterException(spec.commandLine(), "--fraud-rate must be more than 0 and at most "
                + GeneratorConfig.FRAUD_RATE_MAXIMUM + ", was " + fraudRate);
        }
        final GeneratorConfig config = new GeneratorConfig(cards, days, seed, start, fraudRate);
        if (Files.isDirectory(out)) {
            return failed(out + " is a directory");
        }
        final long startNanos = System.nanoTime();
        final GeneratedCsv.Summary written;
        try {
            written = GeneratedCsv.write(config, out);
        } catch (final IOException e) {
            return failed("cannot write " + out + ": " + describe(e));
        }
        final double seconds = (System.nanoTime() - startNanos) / 1e9;
        final long bytes = size(out);
        spec.commandLine().getOut().printf(Locale.ROOT,
            "wrote %,d authorizations (%,d fraud, %.2f%%; %,d card-present, %,d card-not-present) for %,d cards over"
                + " %d day%s from %s to %s: %,.1f MB in %.1f s (%,.0f rows/s)%n",
            written.rows(), written.fraudRows(), 100.0 * written.fraudRows() / Math.max(1, written.rows()),
            written.cardPresentRows(), written.rows() - written.cardPresentRows(),
            cards, days, days == 1 ? "" : "s", config.firstDay(), out, bytes / 1e6, seconds,
            written.rows() / Math.max(seconds, 1e-9));
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
