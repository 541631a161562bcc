package io.ringfence.load;

import java.util.List;
import java.util.Locale;

/** The bench's output: a text table for people, or one JSON object for scripts. */
final class BenchReport {
    /** The percentiles reported, with their names. */
    static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};
    static final String[] PERCENTILE_NAMES = {"p50", "p90", "p99", "p99.9", "p99.99"};

    private BenchReport() {
    }

    /** A measured run, as a table. */
    static String text(final RunDescription run, final PhaseResult result, final List<String> files) {
        final StringBuilder out = new StringBuilder(1_024);
        line(out, "Ringfence bench: open loop, %,d requests/s for %s, %s", result.ratePerSecond(),
            seconds(result.durationNanos()), run.describe());
        line(out, "Response time from each request's intended send time to its decision (corrected for coordinated"
            + " omission); service time from its actual send:");
        line(out, "  %-10s %14s %14s %16s", "", "response (us)", "service (us)", "flag-to-block (us)");
        for (int i = 0; i < PERCENTILES.length; i++) {
            line(out, "  %-10s %14.1f %14.1f %16s", PERCENTILE_NAMES[i], result.latencyMicros(PERCENTILES[i]),
                PhaseResult.micros(result.serviceTime(), PERCENTILES[i]), flagCell(result, PERCENTILES[i]));
        }
        line(out, "  %-10s %14.1f %14.1f %16s", "max", result.maxLatencyMicros(),
            result.serviceTime().getMaxValue() / 1e3, result.flagsBlocked().getTotalCount() == 0
            ? "-" : String.format(Locale.ROOT, "%.1f", result.flagsBlocked().getMaxValue() / 1e3));
        line(out, "Requests        %,d sent, all answered", result.sent());
        line(out, "Achieved rate   %,.0f /s", result.achievedRate());
        line(out, "Stand-ins       %,d", result.standIns());
        line(out, "Sender lag      p99 %.1f us, max %.1f us (the load agent's own lateness; in the response time)",
            PhaseResult.micros(result.sendLag(), 99), result.sendLag().getMaxValue() / 1e3);
        line(out, "Agent hiccups   p99.99 %.1f us, max %.1f us (gaps in the load agent's own loop)",
            PhaseResult.micros(result.hiccups(), 99.99), result.hiccups().getMaxValue() / 1e3);
        line(out, "CPU steal       %s", Double.isNaN(result.stealPercent()) ? "unknown (no /proc/stat)"
            : String.format(Locale.ROOT, "%.2f%% of CPU time taken by the hypervisor", result.stealPercent()));
        if (result.invalidBecause() != null) {
            line(out, "INVALID RUN     %s", result.invalidBecause());
        }
        line(out, "Flag-to-block   %,d flags injected, %,d blocked in store (59 CARD_FLAGGED_ONLINE), %,d missed;"
            + " timed from the fraud report call to the refused tap", result.flagProbes(),
            result.flagsBlocked().getTotalCount(), result.flagsMissed());
        if (result.garbageFrames() > 0) {
            line(out, "Garbage frames  %,d bad frames sent alongside, each on a connection of its own",
                result.garbageFrames());
        }
        if (!files.isEmpty()) {
            line(out, "Wrote           %s", String.join(", ", files));
        }
        return out.toString();
    }

    /** A sweep, as a table of steps and the verdict. */
    static String text(final RunDescription run, final Sweep sweep, final List<String> files) {
        final StringBuilder out = new StringBuilder(1_024);
        line(out, "Ringfence bench sweep: steps of %s until p99 passes %,.0f us, %s",
            seconds(sweep.stepDurationNanos()), sweep.p99BoundMicros(), run.describe());
        line(out, "  %12s %12s %10s %10s %12s %10s %12s", "rate (/s)", "achieved", "p50 (us)", "p99 (us)",
            "p99.99 (us)", "stand-ins", "lag p99 (us)");
        for (final PhaseResult step : sweep.steps()) {
            line(out, "  %,12d %,12.0f %10.1f %10.1f %12.1f %,10d %12.1f%s%s", step.ratePerSecond(),
                step.achievedRate(), step.latencyMicros(50), step.latencyMicros(99), step.latencyMicros(99.99),
                step.standIns(), PhaseResult.micros(step.sendLag(), 99),
                sweep.withinBound(step) ? "" : "  over the bound", step.invalidBecause() == null ? "" : "  INVALID");
        }
        if (sweep.highestSustainable() == null) {
            line(out, "No rate kept p99 under %,.0f us: try a lower --start-rate.", sweep.p99BoundMicros());
        } else {
            line(out, "Highest sustainable rate: %,d /s (p99 %.1f us under the %,.0f us bound)",
                sweep.highestSustainable().ratePerSecond(), sweep.highestSustainable().latencyMicros(99),
                sweep.p99BoundMicros());
        }
        if (!files.isEmpty()) {
            line(out, "Wrote %s", String.join(", ", files));
        }
        return out.toString();
    }

    /** A measured run, as JSON. */
    static String json(final RunDescription run, final PhaseResult result, final List<String> files) {
        return "{\"mode\":\"run\"," + run.json() + ',' + phaseJson(result) + ",\"files\":" + strings(files) + "}";
    }

    /** A sweep, as JSON. */
    static String json(final RunDescription run, final Sweep sweep, final List<String> files) {
        final StringBuilder steps = new StringBuilder("[");
        for (final PhaseResult step : sweep.steps()) {
            steps.append(steps.length() > 1 ? "," : "").append('{').append(phaseJson(step))
                .append(",\"withinBound\":").append(sweep.withinBound(step)).append('}');
        }
        steps.append(']');
        final PhaseResult best = sweep.highestSustainable();
        return "{\"mode\":\"sweep\"," + run.json() + ",\"p99BoundMicros\":" + number(sweep.p99BoundMicros())
            + ",\"stepSeconds\":" + number(sweep.stepDurationNanos() / 1e9) + ",\"steps\":" + steps
            + ",\"highestSustainableRate\":" + (best == null ? "null" : best.ratePerSecond()) + ",\"files\":"
            + strings(files) + "}";
    }

    private static String phaseJson(final PhaseResult result) {
        final StringBuilder latency = new StringBuilder("{");
        final StringBuilder flags = new StringBuilder("{");
        for (int i = 0; i < PERCENTILES.length; i++) {
            latency.append('"').append(PERCENTILE_NAMES[i]).append("\":")
                .append(number(result.latencyMicros(PERCENTILES[i]))).append(',');
            flags.append('"').append(PERCENTILE_NAMES[i]).append("\":")
                .append(number(PhaseResult.micros(result.flagsBlocked(), PERCENTILES[i]))).append(',');
        }
        latency.append("\"max\":").append(number(result.maxLatencyMicros())).append('}');
        final StringBuilder service = new StringBuilder("{");
        for (int i = 0; i < PERCENTILES.length; i++) {
            service.append('"').append(PERCENTILE_NAMES[i]).append("\":")
                .append(number(PhaseResult.micros(result.serviceTime(), PERCENTILES[i]))).append(',');
        }
        service.append("\"max\":").append(number(result.serviceTime().getMaxValue() / 1e3)).append('}');
        flags.append("\"max\":").append(number(result.flagsBlocked().getMaxValue() / 1e3)).append('}');
        return "\"rate\":" + result.ratePerSecond() + ",\"durationSeconds\":" + number(result.durationNanos() / 1e9)
            + ",\"sent\":" + result.sent() + ",\"achievedRate\":" + number(result.achievedRate())
            + ",\"standIns\":" + result.standIns() + ",\"latencyMicros\":" + latency
            + ",\"serviceTimeMicros\":" + service
            + ",\"sendLagMicros\":{\"p99\":" + number(PhaseResult.micros(result.sendLag(), 99)) + ",\"max\":"
            + number(result.sendLag().getMaxValue() / 1e3) + "},\"hiccupMicros\":{\"p99.99\":"
            + number(PhaseResult.micros(result.hiccups(), 99.99)) + ",\"max\":"
            + number(result.hiccups().getMaxValue() / 1e3) + "},\"stealPercent\":"
            + (Double.isNaN(result.stealPercent()) ? "null" : String.format(Locale.ROOT, "%.2f",
                result.stealPercent())) + ",\"valid\":" + (result.invalidBecause() == null)
            + ",\"flagToBlock\":{\"flags\":" + result.flagProbes()
            + ",\"blocked\":" + result.flagsBlocked().getTotalCount() + ",\"missed\":" + result.flagsMissed()
            + ",\"micros\":" + flags + "},\"garbageFrames\":" + result.garbageFrames();
    }

    private static String flagCell(final PhaseResult result, final double percentile) {
        return result.flagsBlocked().getTotalCount() == 0 ? "-"
            : String.format(Locale.ROOT, "%.1f", PhaseResult.micros(result.flagsBlocked(), percentile));
    }

    /** File names need no escaping beyond quotes and backslashes; they hold no PAN or control characters. */
    private static String strings(final List<String> values) {
        final StringBuilder out = new StringBuilder("[");
        for (final String value : values) {
            out.append(out.length() > 1 ? "," : "").append('"')
                .append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return out.append(']').toString();
    }

    static String number(final double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String seconds(final long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static void line(final StringBuilder out, final String format, final Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
    }

    /**
     * What the run was, for the report's first line.
     *
     * @param threading    the engine's threading mode
     * @param cards        population
     * @param journal      whether the engine journaled, and how
     * @param waitStrategy the engine's wait strategy
     * @param scorer       the version of the scorer the engine decided with
     */
    public record RunDescription(String threading, int cards, String journal, String waitStrategy, String scorer) {
        String describe() {
            return String.format(Locale.ROOT, "one load agent, threading %s, %,d cards, journal %s, wait strategy %s,"
                + " scorer %s", threading, cards, journal, waitStrategy, scorer);
        }

        String json() {
            return "\"threading\":\"" + threading + "\",\"cards\":" + cards + ",\"journal\":\"" + journal
                + "\",\"waitStrategy\":\"" + waitStrategy + "\",\"scorer\":\"" + scorer + "\"";
        }
    }
}
