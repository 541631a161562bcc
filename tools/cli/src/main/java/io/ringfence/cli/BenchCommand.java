package io.ringfence.cli;

import io.ringfence.api.Durability;
import io.ringfence.api.JournalConfig;
import io.ringfence.api.ThreadingMode;
import io.ringfence.api.WaitStrategyKind;
import io.ringfence.load.BenchRun;
import io.ringfence.load.LoadHarness.BenchSettings;
import io.ringfence.load.Sweep;
import io.ringfence.synthetic.GeneratorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ringfence bench}: open-loop load on an embedded engine, with latency corrected for coordinated omission. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Drives an embedded engine open-loop at a fixed rate and reports latency percentiles.",
        "",
        "One load agent thread sends synthetic authorizations (a population's day of card-present and"
            + " card-not-present traffic, replayed a day later on each pass) on a fixed schedule, never waiting for"
            + " an answer, and polls for the answers. Response time runs from each request's intended send time to"
            + " its decision, so a stalled engine shows in the tail (corrected for coordinated omission); service"
            + " time from the actual send. The agent's own send lag, loop hiccups and the CPU steal are reported, and"
            + " a run the agent's lag dominates is marked INVALID. Meanwhile a probe reports cards stolen and taps"
            + " them in store, timing flag-to-block. Writes latency.hgrm (microseconds) and latency.png.",
        "With --sweep, steps the rate up until p99 passes --p99-bound and reports the highest sustainable rate."})
public final class BenchCommand implements Callable<Integer> {
    static final int FAILED = 1;
    static final long MAX_RATE = 10_000_000L;
    static final int MAX_CARDS = 1_000_000;
    static final long MAX_FLAG_RATE = 1_000L;
    static final Duration DURATION_DEFAULT = Duration.ofSeconds(10);
    static final Duration STEP_DURATION_DEFAULT = Duration.ofSeconds(5);
    static final double P99_BOUND_DEFAULT_MICROS = 1_000;
    static final long START_RATE_DEFAULT = 10_000L;
    static final double STEP_FACTOR_DEFAULT = 1.5;
    static final long MAX_RATE_DEFAULT = 1_000_000L;

    @Spec
    private CommandSpec spec;

    @Option(names = "--rate", paramLabel = "R",
        description = "Requests a second (1 to " + MAX_RATE + "); required without --sweep.")
    private Long rate;

    @Option(names = "--duration", paramLabel = "D", converter = DurationArgument.class,
        description = "How long to measure: 10s, 1m, 500ms, or seconds (default 10s).")
    private Duration duration;

    @Option(names = "--warm-up", paramLabel = "D", converter = DurationArgument.class, defaultValue = "3s",
        description = "Load at the same rate before measuring, so the JIT has compiled the hot paths; 0 for none"
            + " (default ${DEFAULT-VALUE}).")
    private Duration warmUp;

    @Option(names = "--cards", paramLabel = "N", defaultValue = "20000",
        description = "Cardholders in the synthetic population (" + GeneratorConfig.CARDS_MINIMUM + " to " + MAX_CARDS
            + "; default ${DEFAULT-VALUE}).")
    private int cards;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
        description = "Seed of the traffic generator (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--flag-rate", paramLabel = "F", defaultValue = "10",
        description = "Flag-to-block probes a second: report a card stolen, tap it in store, clear it (0 to "
            + MAX_FLAG_RATE + "; 0 for none; default ${DEFAULT-VALUE}).")
    private long flagRate;

    @Option(names = "--deadline", paramLabel = "D", converter = DurationArgument.class, defaultValue = "25ms",
        description = "The engine's per-request deadline; a later answer is a stand-in (default ${DEFAULT-VALUE}).")
    private Duration deadline;

    @Option(names = "--journal", paramLabel = "DIR",
        description = "Journal inputs and decisions in DIR, which must hold no journal yet; default no journal.")
    private Path journal;

    @Option(names = "--durability", paramLabel = "MODE",
        description = "The journal's flush policy, with --journal: ${COMPLETION-CANDIDATES} (default PROCESS_CRASH).")
    private Durability durability;

    @Option(names = "--snapshot-interval", paramLabel = "D", converter = DurationArgument.class, defaultValue = "0",
        description = "With --journal: snapshot every D while measuring (written off the engine thread); 0 for"
            + " none (default).")
    private Duration snapshotInterval;

    @Option(names = "--threading", paramLabel = "MODE",
        description = "How the engine's stages map to threads: ${COMPLETION-CANDIDATES} (default: SHARED on 4"
            + " processors or fewer, DEDICATED above).")
    private ThreadingMode threading;

    @Option(names = "--pin", description = "Ask for a CPU of its own for the engine thread (OpenHFT affinity); runs"
        + " unpinned, saying so, where no CPU can be reserved.")
    private boolean pin;

    @Option(names = "--wait-strategy", paramLabel = "KIND",
        description = "How the engine's stage threads wait: ${COMPLETION-CANDIDATES} (default: the engine's for the"
            + " threading mode, YIELDING for SHARED, PHASED_BACKOFF for DEDICATED).")
    private WaitStrategyKind waitStrategy;

    @Mixin
    private ModelOption model;

    @Option(names = "--target", paramLabel = "URI",
        description = "Load a running server over the network instead of an embedded engine: iso8583://HOST:PORT or"
            + " http://HOST:PORT (the engine options then belong to 'ringfence serve').")
    private URI target;

    @Option(names = "--api-key", paramLabel = "KEY",
        description = "With an http:// --target: the API key (default: the first of RINGFENCE_API_KEYS).")
    private String apiKey;

    @Option(names = "--garbage-frames", paramLabel = "N", defaultValue = "0",
        description = "With an iso8583:// --target: send N bad frames (random bytes, over-long lengths, half frames,"
            + " unreadable fields), each on a connection of its own, while measuring.")
    private long garbageFrames;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-out",
        description = "Where to write latency.hgrm and latency.png (default ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--json", description = "Print the results as one JSON object instead of a table.")
    private boolean json;

    @Option(names = "--sweep", description = "Step the rate up until p99 passes --p99-bound; report the highest"
        + " rate within it.")
    private boolean sweep;

    @Option(names = "--p99-bound", paramLabel = "US",
        description = "With --sweep: the p99 latency bound in microseconds (default 1000).")
    private Double p99BoundMicros;

    @Option(names = "--start-rate", paramLabel = "R",
        description = "With --sweep: the first step's rate (default " + START_RATE_DEFAULT + ").")
    private Long startRate;

    @Option(names = "--step-factor", paramLabel = "X",
        description = "With --sweep: each step's rate is the last times X (default " + STEP_FACTOR_DEFAULT + ").")
    private Double stepFactor;

    @Option(names = "--step", paramLabel = "R",
        description = "With --sweep: each step's rate is the last plus R, instead of --step-factor.")
    private Long step;

    @Option(names = "--max-rate", paramLabel = "R",
        description = "With --sweep: the highest rate to try (default " + MAX_RATE_DEFAULT + ").")
    private Long maxRate;

    @Option(names = "--step-duration", paramLabel = "D", converter = DurationArgument.class,
        description = "With --sweep: how long each step measures (default 5s).")
    private Duration stepDuration;

    @Override
    public Integer call() {
        validate();
        final BenchSettings settings = new BenchSettings(cards, seed, target == null ? flagRate : 0, deadline,
            threading == null ? ThreadingMode.forProcessors(Runtime.getRuntime().availableProcessors()) : threading,
            waitStrategy, pin, journal, durability == null ? Durability.PROCESS_CRASH : durability, snapshotInterval,
            target == null ? model.directory() : null, target, target == null ? null : apiKey(), garbageFrames);
        final BenchRun run = new BenchRun(settings, warmUp, out, json);
        final PrintWriter output = spec.commandLine().getOut();
        try {
            output.print(sweep ? sweep(run) : run.measure(rate, duration == null ? DURATION_DEFAULT : duration));
        } catch (final IOException e) {
            return fail("cannot write to " + out + ": " + e.getMessage());
        } catch (final IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
            return fail(e.getMessage());
        }
        output.flush();
        return 0;
    }

    private String sweep(final BenchRun run) throws IOException {
        final PrintWriter progress = spec.commandLine().getErr();
        final Sweep.Rates rates = new Sweep.Rates(startRate(), stepFactor == null ? STEP_FACTOR_DEFAULT : stepFactor,
            step == null ? 0 : step, maxRate == null ? Math.max(MAX_RATE_DEFAULT, startRate()) : maxRate);
        return run.sweep(rates, stepDuration == null ? STEP_DURATION_DEFAULT : stepDuration,
            p99BoundMicros == null ? P99_BOUND_DEFAULT_MICROS : p99BoundMicros, stepResult -> {
                progress.printf(Locale.ROOT, "bench: %,d/s: p99 %.1f us%n", stepResult.ratePerSecond(),
                    stepResult.latencyMicros(99));
                progress.flush();
            });
    }

    private String apiKey() {
        if (apiKey != null) {
            return apiKey;
        }
        final String keys = System.getenv("RINGFENCE_API_KEYS");
        return keys == null || keys.isBlank() ? null : keys.split(",")[0].strip();
    }

    private long startRate() {
        return startRate == null ? START_RATE_DEFAULT : startRate;
    }

    private void validate() {
        if (sweep) {
            require(rate == null, "--rate does not go with --sweep: give --start-rate");
            require(duration == null, "--duration does not go with --sweep: give --step-duration");
            require(step == null || stepFactor == null, "give --step or --step-factor, not both");
            require(startRate() >= 1 && startRate() <= MAX_RATE, "--start-rate must be between 1 and " + MAX_RATE
                + ", was " + startRate());
            require(maxRate == null || (maxRate >= startRate() && maxRate <= MAX_RATE), "--max-rate must be between"
                + " the start rate (" + startRate() + ") and " + MAX_RATE + ", was " + maxRate);
            require(stepFactor == null || stepFactor > 1.0, "--step-factor must be above 1, was " + stepFactor);
            require(step == null || step >= 1, "--step must be at least 1, was " + step);
            require(p99BoundMicros == null || p99BoundMicros > 0, "--p99-bound must be positive, was "
                + p99BoundMicros);
            require(stepDuration == null || !stepDuration.isZero(), "--step-duration must be positive");
        } else {
            require(rate != null, "--rate is required (or --sweep)");
            require(rate >= 1 && rate <= MAX_RATE, "--rate must be between 1 and " + MAX_RATE + ", was " + rate);
            require(duration == null || !duration.isZero(), "--duration must be positive");
            for (final Object sweepOnly : new Object[] {p99BoundMicros, startRate, stepFactor, step, maxRate,
                stepDuration}) {
                require(sweepOnly == null, "--p99-bound, --start-rate, --step-factor, --step, --max-rate and"
                    + " --step-duration go with --sweep");
            }
        }
        if (target != null) {
            for (final String engineOption : new String[] {"--flag-rate", "--journal", "--durability",
                "--snapshot-interval", "--threading", "--pin", "--wait-strategy", "--model"}) {
                require(!spec.commandLine().getParseResult().hasMatchedOption(engineOption), engineOption
                    + " does not go with --target: it is the server's setting ('ringfence serve')");
            }
        }
        require(apiKey == null || target != null, "--api-key goes with an http:// --target");
        require(garbageFrames >= 0, "--garbage-frames must not be negative, was " + garbageFrames);
        require(garbageFrames == 0 || target != null && "iso8583".equals(target.getScheme()),
            "--garbage-frames goes with an iso8583:// --target");
        require(snapshotInterval.isZero() || journal != null, "--snapshot-interval goes with --journal");
        require(cards >= GeneratorConfig.CARDS_MINIMUM && cards <= MAX_CARDS, "--cards must be between "
            + GeneratorConfig.CARDS_MINIMUM + " and " + MAX_CARDS + ", was " + cards);
        require(flagRate >= 0 && flagRate <= MAX_FLAG_RATE, "--flag-rate must be between 0 and " + MAX_FLAG_RATE
            + ", was " + flagRate);
        require(!deadline.isZero(), "--deadline must be positive");
        require(durability == null || journal != null, "--durability goes with --journal");
        require(journal == null || !Files.exists(journal) || Files.isDirectory(journal), "--journal " + journal
            + " is not a directory");
        require(journal == null || !Files.exists(JournalConfig.in(journal).inputDirectory()), "--journal " + journal
            + " already holds a journal: the bench starts a fresh one, so give a new directory");
        require(!Files.exists(out) || Files.isDirectory(out), "--out " + out + " is not a directory");
    }

    private void require(final boolean condition, final String problem) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), problem);
        }
    }

    private int fail(final String message) {
        final PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": " + message.replaceAll("\\s*\\R\\s*", " "));
        err.flush();
        return FAILED;
    }
}
