package io.ringfence.models.evaluation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Card precision@k over a test period, as the Fraud Detection Handbook computes it ({@code card_precision_top_k}):
 * the share of fraudulent cards among the k cards an investigator would check each day, averaged over the days.
 *
 * <p>Day by day, in date order (UTC days):
 * <ol>
 *   <li>Drop the transactions of cards that are excluded: cards known compromised from the start (given) and cards
 *       detected on an earlier day of the period.</li>
 *   <li>Each remaining card gets the maximum score of its transactions that day, and is fraudulent that day if any
 *       of its transactions that day is labelled fraud.</li>
 *   <li>Rank the cards by daily score, highest first; equal scores are ordered by card reference ascending
 *       ({@link String#compareTo}), so the result is deterministic (the handbook leaves ties to pandas' sort).</li>
 *   <li>The day's precision is the number of fraudulent cards among the first k, divided by k, always by k, as
 *       the handbook does: a day with fewer than k cards cannot reach 1, a day with no card scores 0.</li>
 *   <li>The fraudulent cards among the first k are detected: they leave every later day. Fraudulent cards outside
 *       the first k stay.</li>
 * </ol>
 * The result is the mean of the daily precisions. Which days count: by default the days that have at least one
 * transaction in the input (the handbook iterates over the days present in its test set), a day whose transactions
 * were all dropped counting as 0; or every day of an explicit period, a day without transactions counting as 0.
 */
public final class CardPrecisionAtK {
    /** The handbook's k. */
    public static final int DEFAULT_K = 100;

    private static final Comparator<CardDay> RANKING =
        Comparator.comparingDouble(CardDay::maxScore).reversed().thenComparing(CardDay::card);

    private CardPrecisionAtK() {
    }

    /**
     * One day's figure.
     *
     * @param day             the UTC day
     * @param precision       fraudulent cards among the top k, divided by k
     * @param rankedCards     how many cards were ranked that day (after the exclusions)
     * @param fraudulentCards how many of those were fraudulent that day (the handbook's
     *                        {@code nb_compromised_cards_per_day})
     * @param topCards        the first k cards (fewer if fewer were ranked), in rank order
     * @param detectedCards   the fraudulent cards among them, which leave the later days
     */
    public record Day(LocalDate day, double precision, int rankedCards, int fraudulentCards, List<String> topCards,
                      Set<String> detectedCards) {
    }

    /**
     * The figure over a period.
     *
     * @param k    the number of cards checked a day
     * @param mean the mean of the daily precisions
     * @param days the daily figures, in date order
     */
    public record Result(int k, double mean, List<Day> days) {
    }

    /**
     * Over the days present in the transactions, with no card excluded from the start (the handbook's call, on a
     * test set already built by {@link HandbookSplit}).
     */
    public static Result compute(final List<ScoredTransaction> transactions, final int k) {
        return compute(transactions, k, Set.of());
    }

    /**
     * Over the days present in the transactions.
     *
     * @param knownCompromised cards excluded on every day (fraud already known before the period)
     * @throws IllegalArgumentException if k is not positive or there are no transactions
     */
    public static Result compute(final List<ScoredTransaction> transactions, final int k,
                                 final Set<String> knownCompromised) {
        final SortedMap<LocalDate, List<ScoredTransaction>> byDay = byDay(transactions);
        if (byDay.isEmpty()) {
            throw new IllegalArgumentException("card precision@k is undefined: no transactions");
        }
        return over(byDay, k, knownCompromised);
    }

    /**
     * Over every day of {@code [from, toExclusive)}; a day without transactions scores 0.
     *
     * @param knownCompromised cards excluded on every day (fraud already known before the period)
     * @throws IllegalArgumentException if k is not positive, the period is empty, or a transaction falls outside it
     */
    public static Result compute(final List<ScoredTransaction> transactions, final int k,
                                 final Set<String> knownCompromised, final LocalDate from,
                                 final LocalDate toExclusive) {
        if (!from.isBefore(toExclusive)) {
            throw new IllegalArgumentException("empty test period: " + from + " to " + toExclusive + " (exclusive)");
        }
        final SortedMap<LocalDate, List<ScoredTransaction>> byDay = byDay(transactions);
        if (!byDay.isEmpty() && (byDay.firstKey().isBefore(from) || !byDay.lastKey().isBefore(toExclusive))) {
            throw new IllegalArgumentException("transactions from " + byDay.firstKey() + " to " + byDay.lastKey()
                + " fall outside the test period " + from + " to " + toExclusive + " (exclusive)");
        }
        for (LocalDate day = from; day.isBefore(toExclusive); day = day.plusDays(1)) {
            byDay.putIfAbsent(day, List.of());
        }
        return over(byDay, k, knownCompromised);
    }

    private static Result over(final SortedMap<LocalDate, List<ScoredTransaction>> byDay, final int k,
                               final Set<String> knownCompromised) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, not " + k);
        }
        final Set<String> excluded = new HashSet<>(knownCompromised);
        final List<Day> days = new ArrayList<>(byDay.size());
        double sum = 0.0;
        for (final Map.Entry<LocalDate, List<ScoredTransaction>> entry : byDay.entrySet()) {
            final Day day = day(entry.getKey(), entry.getValue(), k, excluded);
            excluded.addAll(day.detectedCards());
            days.add(day);
            sum += day.precision();
        }
        return new Result(k, sum / days.size(), List.copyOf(days));
    }

    private static Day day(final LocalDate date, final List<ScoredTransaction> transactions, final int k,
                           final Set<String> excluded) {
        final Map<String, CardDay> cards = new HashMap<>();
        for (final ScoredTransaction transaction : transactions) {
            if (excluded.contains(transaction.card())) {
                continue;
            }
            cards.merge(transaction.card(), new CardDay(transaction.card(), transaction.score(), transaction.fraud()),
                CardDay::merge);
        }
        final List<CardDay> ranked = new ArrayList<>(cards.values());
        ranked.sort(RANKING);
        int fraudulent = 0;
        for (final CardDay card : ranked) {
            if (card.fraud()) {
                fraudulent++;
            }
        }
        final List<String> top = new ArrayList<>(Math.min(k, ranked.size()));
        final Set<String> detected = new LinkedHashSet<>();
        for (final CardDay card : ranked.subList(0, Math.min(k, ranked.size()))) {
            top.add(card.card());
            if (card.fraud()) {
                detected.add(card.card());
            }
        }
        return new Day(date, (double) detected.size() / k, ranked.size(), fraudulent,
            Collections.unmodifiableList(top), Collections.unmodifiableSet(detected));
    }

    private static SortedMap<LocalDate, List<ScoredTransaction>> byDay(final List<ScoredTransaction> transactions) {
        final SortedMap<LocalDate, List<ScoredTransaction>> byDay = new TreeMap<>();
        for (final ScoredTransaction transaction : transactions) {
            Objects.requireNonNull(transaction, "transaction");
            byDay.computeIfAbsent(transaction.day(), day -> new ArrayList<>()).add(transaction);
        }
        return byDay;
    }

    /** A card's day: its highest score and whether any of its transactions was a fraud. */
    private record CardDay(String card, double maxScore, boolean fraud) {
        CardDay merge(final CardDay other) {
            return new CardDay(card, Math.max(maxScore, other.maxScore), fraud || other.fraud);
        }
    }
}
