package io.ringfence.models.evaluation;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The windows of the handbook's protocol, in whole UTC days, every {@code to} exclusive: a training window, a
 * feedback delay, a test window. In the handbook's layout the test starts right after the delay
 * ({@link #handbook}); for a model trained elsewhere, the "training" window is the labelled history before the
 * test whose frauds are known by the time it starts ({@link #beforeTest}).
 *
 * @param trainFrom         first day of the training window
 * @param trainTo           day after the training window
 * @param feedbackDelayDays days after which a fraud is known: a fraud on day D is known from day
 *                          {@code D + delay + 1} (its report arrives during day {@code D + delay})
 * @param testFrom          first test day
 * @param testTo            day after the last test day
 */
public record EvaluationWindow(LocalDate trainFrom, LocalDate trainTo, int feedbackDelayDays, LocalDate testFrom,
                               LocalDate testTo) {
    /** The protocol's default feedback delay: a week. */
    public static final int DEFAULT_FEEDBACK_DELAY_DAYS = 7;

    /**
     * @throws IllegalArgumentException unless {@code trainFrom <= trainTo <= testFrom < testTo} and the delay is
     *                                  not negative
     */
    public EvaluationWindow {
        Objects.requireNonNull(trainFrom, "trainFrom");
        Objects.requireNonNull(trainTo, "trainTo");
        Objects.requireNonNull(testFrom, "testFrom");
        Objects.requireNonNull(testTo, "testTo");
        if (feedbackDelayDays < 0) {
            throw new IllegalArgumentException("feedback delay must not be negative: " + feedbackDelayDays + " days");
        }
        if (trainTo.isBefore(trainFrom) || testFrom.isBefore(trainTo) || !testFrom.isBefore(testTo)) {
            throw new IllegalArgumentException("windows out of order: training " + trainFrom + " to " + trainTo
                + ", test " + testFrom + " to " + testTo + " (ends exclusive); the test must be non-empty and not "
                + "start before training ends");
        }
    }

    /** A feedback delay in whole days for the test-set rule, rounded up: a fraud counts as known only once reported. */
    public static int wholeDaysUp(final Duration delay) {
        final long days = delay.toDays();
        return Math.toIntExact(delay.equals(Duration.ofDays(days)) ? days : days + 1);
    }

    /** The handbook's layout: {@code trainDays} of training, {@code delayDays} of delay, {@code testDays} of test. */
    public static EvaluationWindow handbook(final LocalDate trainFrom, final int trainDays, final int delayDays,
                                            final int testDays) {
        final LocalDate trainTo = trainFrom.plusDays(trainDays);
        final LocalDate testFrom = trainTo.plusDays(delayDays);
        return new EvaluationWindow(trainFrom, trainTo, delayDays, testFrom, testFrom.plusDays(testDays));
    }

    /**
     * A test window {@code [testFrom, testTo)} whose known frauds are those of the history from {@code historyFrom}
     * reported by the time the test starts: the "training" window is {@code [historyFrom, testFrom - delay)}.
     */
    public static EvaluationWindow beforeTest(final LocalDate historyFrom, final int delayDays,
                                              final LocalDate testFrom, final LocalDate testTo) {
        return new EvaluationWindow(historyFrom, testFrom.minusDays(delayDays), delayDays, testFrom, testTo);
    }

    boolean inTraining(final LocalDate day) {
        return !day.isBefore(trainFrom) && day.isBefore(trainTo);
    }

    boolean inTest(final LocalDate day) {
        return !day.isBefore(testFrom) && day.isBefore(testTo);
    }
}
