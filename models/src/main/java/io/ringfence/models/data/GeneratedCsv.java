package io.ringfence.models.data;

import io.ringfence.synthetic.GeneratorConfig;
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
 * Generated traffic as a CSV replay file. Written beside the target and moved into place at the end, so a failed run
 * leaves no half file; the same configuration gives the same file, byte for byte.
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

    private static void moveIntoPlace(final Path from, final Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (final AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
