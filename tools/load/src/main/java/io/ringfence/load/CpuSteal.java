package io.ringfence.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Time the hypervisor gave this machine's virtual CPUs to someone else, from the {@code cpu} line of
 * {@code /proc/stat}: on a shared cloud host it shows as latency nobody's code caused. Where the file is missing (not
 * Linux) the reading is empty and the report says so.
 *
 * @param stealTicks the steal column, in clock ticks; -1 when unknown
 * @param totalTicks all columns together
 */
record CpuSteal(long stealTicks, long totalTicks) {
    private static final Path PROC_STAT = Path.of("/proc/stat");
    private static final int STEAL_COLUMN = 8;
    static final CpuSteal UNKNOWN = new CpuSteal(-1, 0);

    static CpuSteal read() {
        try {
            for (final String line : Files.readAllLines(PROC_STAT)) {
                if (line.startsWith("cpu ")) {
                    return parse(line);
                }
            }
        } catch (final IOException | RuntimeException e) {
            return UNKNOWN;
        }
        return UNKNOWN;
    }

    /** Parses the aggregate {@code cpu} line: {@code cpu user nice system idle iowait irq softirq steal ...}. */
    static CpuSteal parse(final String line) {
        final String[] columns = line.trim().split("\\s+");
        if (columns.length <= STEAL_COLUMN) {
            return UNKNOWN;
        }
        long total = 0;
        for (int c = 1; c < columns.length && c <= STEAL_COLUMN; c++) {
            total += Long.parseLong(columns[c]);
        }
        return new CpuSteal(Long.parseLong(columns[STEAL_COLUMN]), total);
    }

    /** Percent of CPU time stolen between {@code earlier} and this reading; NaN when unknown. */
    double percentSince(final CpuSteal earlier) {
        if (stealTicks < 0 || earlier.stealTicks < 0 || totalTicks <= earlier.totalTicks) {
            return Double.NaN;
        }
        return 100.0 * (stealTicks - earlier.stealTicks) / (totalTicks - earlier.totalTicks);
    }
}
