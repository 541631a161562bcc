package io.ringfence.models.data;

import io.ringfence.synthetic.GeneratorConfig;
import io.ringfence.synthetic.HandbookTraffic;
import io.ringfence.synthetic.HandbookTransaction;
import io.ringfence.synthetic.TrafficGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Generated traffic as a CSV replay file: the project's own generator, or the handbook profile. Written beside the
 * target and moved into place at the end, so a failed run leaves no half file; the same configuration gives the same
 * file, byte for byte.
 */
public final class GeneratedCsv {
    /**
     * What was written.
     *
     * @param rows            authorizations
     * @param fraudRows       authorizations labelled fraud
     * @param cardPresentRows authorizations in store
     */
    public record Summary(long rows, long fraudRows, long cardPresentRows) {
    }

    /** The handbook profile's columns, in the order written. */
    public static final String HANDBOOK_HEADER = "id,timestamp,card,channel,amount,currency,merchant,terminal,label,"
        + "scenario";

    private GeneratedCsv() {
    }

    /**
     * Writes the traffic {@code config} describes to {@code out}, replacing it.
     *
     * @throws IOException when the file cannot be written; nothing is left behind
     */
    public static Summary write(final GeneratorConfig config, final Path out) throws IOException {
        final Path absolute = out.toAbsolutePath();
        final Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        try {
            final ReplayCsvWriter writer;
            try (Writer file = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                writer = new ReplayCsvWriter(file);
                writer.writeHeader();
                TrafficGenerator.stream(config, writer);
            } catch (final UncheckedIOException e) {
                throw e.getCause();
            }
            moveIntoPlace(partial, absolute);
            return new Summary(writer.rows(), writer.fraudRows(), writer.cardPresentRows());
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * Writes the handbook profile's transactions to {@code out}, replacing it, with only the columns the handbook's
     * data has: {@value #HANDBOOK_HEADER}. The card is the customer as an opaque reference ({@code C596}), the
     * terminal {@code T17} is its own merchant, every transaction is card-present in US dollars, and the scenario column
     * names the handbook's fraud scenario (empty for genuine transactions).
     *
     * @throws IOException when the file cannot be written; nothing is left behind
     */
    public static Summary writeHandbook(final HandbookTraffic traffic, final Path out) throws IOException {
        final Path absolute = out.toAbsolutePath();
        final Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        try {
            try (Writer file = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                file.write(HANDBOOK_HEADER);
                file.write('\n');
                final ReplayTimes times = new ReplayTimes();
                final StringBuilder row = new StringBuilder(128);
                for (int i = 0; i < traffic.size(); i++) {
                    final HandbookTransaction t = traffic.get(i);
                    row.setLength(0);
                    row.append(t.number()).append(',');
                    times.format(row, t.timeMillis()).append(",C").append(t.customer()).append(",CP,");
                    MinorUnits.format(row, t.amountCents(), 2).append(",USD,M").append(t.terminal()).append(",T")
                        .append(t.terminal()).append(',').append(t.fraud() ? '1' : '0').append(',')
                        .append(t.scenario().tagName()).append('\n');
                    file.append(row);
                }
            }
            moveIntoPlace(partial, absolute);
            return new Summary(traffic.size(), traffic.frauds(), traffic.size());
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static void moveIntoPlace(final Path from, final Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (final AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
