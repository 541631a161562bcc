package io.ringfence.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A rate sweep: steps the open-loop rate up, one measured phase per step, until a step's p99 passes the bound or
 * the rate passes the maximum. The highest sustainable rate is the last step whose p99 stayed within the bound.
 */
public final class Sweep {
    private final double p99BoundMicros;
    private final long stepDurationNanos;
    private final List<PhaseResult> steps;

    private Sweep(final double p99BoundMicros, final long stepDurationNanos, final List<PhaseResult> steps) {
        this.p99BoundMicros = p99BoundMicros;
        this.stepDurationNanos = stepDurationNanos;
        this.steps = List.copyOf(steps);
    }

    /** Runs the steps on {@code harness}, handing each result to {@code progress} as it comes. */
    static Sweep run(final LoadHarness harness, final Rates rates, final Duration stepDuration,
        final double p99BoundMicros, final Consumer<PhaseResult> progress) {
        final List<PhaseResult> steps = new ArrayList<>();
        for (long rate = rates.start(); rate > 0; rate = rates.after(rate)) {
            final PhaseResult step = harness.run(rate, stepDuration);
            steps.add(step);
            progress.accept(step);
            if (step.latencyMicros(99) > p99BoundMicros) {
                break;
            }
        }
        return new Sweep(p99BoundMicros, stepDuration.toNanos(), steps);
    }

    double p99BoundMicros() {
        return p99BoundMicros;
    }

    long stepDurationNanos() {
        return stepDurationNanos;
    }

    List<PhaseResult> steps() {
        return steps;
    }

    boolean withinBound(final PhaseResult step) {
        return step.latencyMicros(99) <= p99BoundMicros;
    }

    /** The last step within the bound, or null when the first step was already over it. */
    PhaseResult highestSustainable() {
        PhaseResult best = null;
        for (final PhaseResult step : steps) {
            if (!withinBound(step)) {
                break;
            }
            best = step;
        }
        return best;
    }

    /**
     * The rates a sweep tries: from {@code start}, each the last times {@code factor} (at least one more) when
     * {@code increment} is 0, else the last plus {@code increment}; none above {@code max}.
     */
    public record Rates(long start, double factor, long increment, long max) {
        public Rates {
            if (start < 1 || max < start) {
                throw new IllegalArgumentException("rates must satisfy 1 <= start <= max, were " + start + " and "
                    + max);
            }
            if (increment < 0 || (increment == 0 && !(factor > 1.0))) {
                throw new IllegalArgumentException("a sweep needs a factor above 1 or a positive increment");
            }
        }

        /** The rate after {@code rate}, or 0 when that would pass the maximum. */
        long after(final long rate) {
            final double next = increment > 0 ? (double)rate + increment : Math.max(rate + 1.0,
                Math.rint(rate * factor));
            return next > max ? 0 : (long)next;
        }
    }
}
