package io.ringfence.models.evaluation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The training and test sets of the handbook's protocol ({@code get_train_test_set}, chapter 3.4).
 *
 * <p>The training set is every transaction of the training window. The test set is every transaction of the test
 * window except, on each test day, those of cards whose fraud is known by that day. A card's fraud is known on test
 * day T if the card has a fraud:
 * <ul>
 *   <li>in the training window (all of it: the handbook starts from the training set's fraudulent cards), or</li>
 *   <li>on a day D from the end of training with {@code D <= T - delay - 1}: the delay-period days one by one as
 *       the test advances, and, when the test window is longer than the delay, earlier test days too.</li>
 * </ul>
 * In the handbook's layout (test right after the delay) the first test day drops only training frauds, the second
 * adds the first delay day's, and so on, exactly as the handbook's loop does. Frauds before the training window are
 * not counted as known (the handbook looks at the training set only). Days are UTC days; order within each set is
 * the input's. AUC ROC, average precision and threshold metrics are computed on {@link #test()};
 * card precision@k on it too, with {@link CardPrecisionAtK#compute(List, int)} (nothing more to exclude up front).
 *
 * @param window             the windows
 * @param training           the transactions of the training window
 * @param test               the transactions of the test window that survive the daily removal
 * @param knownAtTestStart   the cards dropped on the first test day
 * @param knownByTestDay     for each test day, every card dropped that day (cumulative)
 * @param removedFromTest    how many test-window transactions were dropped
 */
public record HandbookSplit(EvaluationWindow window, List<ScoredTransaction> training, List<ScoredTransaction> test,
                            Set<String> knownAtTestStart, SortedMap<LocalDate, Set<String>> knownByTestDay,
                            int removedFromTest) {

    /** Splits the transactions (any order, any days: those outside both windows are ignored). */
    public static HandbookSplit split(final List<ScoredTransaction> transactions, final EvaluationWindow window) {
        final List<ScoredTransaction> training = new ArrayList<>();
        final Set<String> trainingFrauds = new HashSet<>();
        // Fraudulent cards per day, for the days after training whose frauds can become known during the test.
        final Map<LocalDate, Set<String>> laterFrauds = new HashMap<>();
        for (final ScoredTransaction transaction : transactions) {
            final LocalDate day = transaction.day();
            if (window.inTraining(day)) {
                training.add(transaction);
                if (transaction.fraud()) {
                    trainingFrauds.add(transaction.card());
                }
            } else if (transaction.fraud() && !day.isBefore(window.trainTo()) && day.isBefore(window.testTo())) {
                laterFrauds.computeIfAbsent(day, d -> new HashSet<>()).add(transaction.card());
            }
        }

        final SortedMap<LocalDate, Set<String>> knownByDay = new TreeMap<>();
        final Set<String> known = new HashSet<>(trainingFrauds);
        LocalDate nextReported = window.trainTo();
        for (LocalDate day = window.testFrom(); day.isBefore(window.testTo()); day = day.plusDays(1)) {
            // Reported by the start of this day: frauds up to day - delay - 1.
            final LocalDate lastReported = day.minusDays(window.feedbackDelayDays() + 1L);
            for (; !nextReported.isAfter(lastReported); nextReported = nextReported.plusDays(1)) {
                known.addAll(laterFrauds.getOrDefault(nextReported, Set.of()));
            }
            knownByDay.put(day, Collections.unmodifiableSet(new TreeSet<>(known)));
        }

        final List<ScoredTransaction> test = new ArrayList<>();
        int removed = 0;
        for (final ScoredTransaction transaction : transactions) {
            final LocalDate day = transaction.day();
            if (window.inTest(day)) {
                if (knownByDay.get(day).contains(transaction.card())) {
                    removed++;
                } else {
                    test.add(transaction);
                }
            }
        }
        return new HandbookSplit(window, List.copyOf(training), List.copyOf(test),
            knownByDay.get(window.testFrom()), Collections.unmodifiableSortedMap(knownByDay), removed);
    }
}
