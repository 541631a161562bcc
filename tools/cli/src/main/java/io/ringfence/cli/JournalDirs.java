package io.ringfence.cli;

import io.ringfence.api.JournalConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where the journals are under a {@code --dir}: the engine's journal root ({@code DIR/input},
 * {@code DIR/decisions}, as in {@link JournalConfig}), or a single journal directory given directly.
 */
record JournalDirs(Path input, Path decisions) {
    static JournalDirs of(final Path dir) {
        final JournalConfig config = JournalConfig.in(dir);
        if (Files.isDirectory(config.inputDirectory()) || Files.isDirectory(config.decisionDirectory())) {
            return new JournalDirs(config.inputDirectory(), config.decisionDirectory());
        }
        return new JournalDirs(dir, dir);
    }

    /** Journal files (Chronicle cycle files) in {@code directory} and their total size in bytes. */
    static long[] filesAndBytes(final Path directory) {
        if (!Files.isDirectory(directory)) {
            return new long[] {0, 0};
        }
        try (Stream<Path> files = Files.list(directory)) {
            final long[] result = {0, 0};
            files.filter(f -> f.getFileName().toString().endsWith(".cq4")).forEach(f -> {
                result[0]++;
                try {
                    result[1] += Files.size(f);
                } catch (final IOException e) {
                    // A file rolled away while listing: not counted.
                }
            });
            return result;
        } catch (final IOException e) {
            return new long[] {0, 0};
        }
    }
}
