package io.ringfence.models.evaluation;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.ringfence.models.evaluation.Tx.on;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The handbook's train/delay/test construction with the day-by-day removal of known-fraud cards. */
class HandbookSplitTest {
    private static final LocalDate JAN1 = LocalDate.parse("2024-01-01");

    @Test
    void eachTestDayDropsTheCardsWhoseFraudIsKnownByThen() {
        // Training 01-01..01-02, delay 01-03..01-04, test 01-05..01-07.
        // Known on 01-05: training frauds; on 01-06: + frauds of 01-03; on 01-07: + frauds of 01-04.
        final ScoredTransaction p01 = on("2024-01-01", "p", 0.5, true);    // training fraud
        final ScoredTransaction p05 = on("2024-01-05", "p", 0.5, false);   // dropped: p known from the start
        final ScoredTransaction p07 = on("2024-01-07", "p", 0.5, false);   // dropped
        final ScoredTransaction q03 = on("2024-01-03", "q", 0.5, true);    // first delay day's fraud
        final ScoredTransaction q05 = on("2024-01-05", "q", 0.5, false);   // kept: not reported yet
        final ScoredTransaction q06 = on("2024-01-06", "q", 0.5, false);   // dropped
        final ScoredTransaction q07 = on("2024-01-07", "q", 0.5, false);   // dropped
        final ScoredTransaction r04 = on("2024-01-04", "r", 0.5, true);    // second delay day's fraud
        final ScoredTransaction r05 = on("2024-01-05", "r", 0.5, false);   // kept
        final ScoredTransaction r06 = on("2024-01-06", "r", 0.5, false);   // kept
        final ScoredTransaction r07 = on("2024-01-07", "r", 0.5, false);   // dropped
        final ScoredTransaction s05 = on("2024-01-05", "s", 0.5, true);    // test-day fraud: known from 01-08 only
        final ScoredTransaction s06 = on("2024-01-06", "s", 0.5, false);   // kept
        final ScoredTransaction t02 = on("2024-01-02", "t", 0.5, false);   // training, genuine
        final ScoredTransaction t06 = on("2024-01-06", "t", 0.5, false);   // kept
        final ScoredTransaction u00 = on("2023-12-31", "u", 0.5, true);    // before training: not counted as known
        final ScoredTransaction u05 = on("2024-01-05", "u", 0.5, false);   // kept
        final ScoredTransaction w08 = on("2024-01-08", "w", 0.5, false);   // after the test: ignored
        final List<ScoredTransaction> all = List.of(p01, p05, p07, q03, q05, q06, q07, r04, r05, r06, r07, s05,
            s06, t02, t06, u00, u05, w08);

        final EvaluationWindow window = EvaluationWindow.handbook(JAN1, 2, 2, 3);
        assertEquals(new EvaluationWindow(JAN1, LocalDate.parse("2024-01-03"), 2, LocalDate.parse("2024-01-05"),
            LocalDate.parse("2024-01-08")), window);

        final HandbookSplit split = HandbookSplit.split(all, window);
        assertEquals(List.of(p01, t02), split.training());
        assertEquals(List.of(q05, r05, r06, s05, s06, t06, u05), split.test());
        assertEquals(Set.of("p"), split.knownAtTestStart());
        assertEquals(Map.of(
            LocalDate.parse("2024-01-05"), Set.of("p"),
            LocalDate.parse("2024-01-06"), Set.of("p", "q"),
            LocalDate.parse("2024-01-07"), Set.of("p", "q", "r")), split.knownByTestDay());
        assertEquals(5, split.removedFromTest());
    }

    @Test
    void aTestWindowLongerThanTheDelayAlsoDropsEarlierTestDaysFrauds() {
        // Training 01-01, delay 1 day (01-02), test 01-03..01-05. Known on 01-04: + 01-02's frauds;
        // on 01-05: + 01-03's frauds (a test day), as the handbook's loop does for day index 2.
        final ScoredTransaction x02 = on("2024-01-02", "x", 0.5, true);
        final ScoredTransaction x03 = on("2024-01-03", "x", 0.5, false);   // kept
        final ScoredTransaction x04 = on("2024-01-04", "x", 0.5, false);   // dropped
        final ScoredTransaction v03 = on("2024-01-03", "v", 0.9, true);    // kept: the fraud being tested
        final ScoredTransaction v04 = on("2024-01-04", "v", 0.9, false);   // kept: reported during 01-04
        final ScoredTransaction v05 = on("2024-01-05", "v", 0.9, false);   // dropped
        final HandbookSplit split = HandbookSplit.split(List.of(x02, x03, x04, v03, v04, v05),
            EvaluationWindow.handbook(JAN1, 1, 1, 3));
        assertEquals(List.of(x03, v03, v04), split.test());
        assertEquals(Set.of(), split.knownAtTestStart());
        assertEquals(Set.of("x", "v"), split.knownByTestDay().get(LocalDate.parse("2024-01-05")));
        assertEquals(List.of(), split.training());
    }

    @Test
    void daysAreUtcDays() {
        final long jan2 = LocalDate.parse("2024-01-02").atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        final ScoredTransaction lastMillisOfJan1 = new ScoredTransaction("a", "c", jan2 - 1, 0.5, true);
        final ScoredTransaction firstMillisOfJan2 = new ScoredTransaction("b", "c", jan2, 0.5, false);
        assertEquals(JAN1, lastMillisOfJan1.day());
        assertEquals(LocalDate.parse("2024-01-02"), firstMillisOfJan2.day());
        assertEquals(LocalDate.parse("1969-12-31"), new ScoredTransaction("c", "c", -1, 0.5, false).day());
        // A training fraud in the last millisecond of training day 01-01 (training 1 day, no delay): on the first
        // test day 01-02 the card is known.
        final HandbookSplit split = HandbookSplit.split(List.of(lastMillisOfJan1, firstMillisOfJan2),
            EvaluationWindow.handbook(JAN1, 1, 0, 1));
        assertEquals(List.of(lastMillisOfJan1), split.training());
        assertEquals(List.of(), split.test());
    }

    @Test
    void aWindowForAModelTrainedElsewhereKnowsTheHistoryReportedBeforeTheTest() {
        // Test 01-20..01-26, delay 7: history whose frauds are known at the start is 01-01..01-12 (to 01-13).
        final EvaluationWindow window = EvaluationWindow.beforeTest(JAN1, EvaluationWindow.DEFAULT_FEEDBACK_DELAY_DAYS,
            LocalDate.parse("2024-01-20"), LocalDate.parse("2024-01-27"));
        assertEquals(LocalDate.parse("2024-01-13"), window.trainTo());
        final ScoredTransaction fraud12 = on("2024-01-12", "g", 0.5, true);
        final ScoredTransaction fraud13 = on("2024-01-13", "h", 0.5, true);
        final ScoredTransaction g20 = on("2024-01-20", "g", 0.5, false);    // dropped
        final ScoredTransaction h20 = on("2024-01-20", "h", 0.5, false);    // kept: 01-13's fraud known on 01-21
        final ScoredTransaction h21 = on("2024-01-21", "h", 0.5, false);    // dropped
        final HandbookSplit split = HandbookSplit.split(List.of(fraud12, fraud13, g20, h20, h21), window);
        assertEquals(List.of(h20), split.test());
        assertEquals(Set.of("g"), split.knownAtTestStart());
    }

    @Test
    void windowsOutOfOrderAreRefused() {
        final LocalDate jan5 = LocalDate.parse("2024-01-05");
        final LocalDate jan9 = LocalDate.parse("2024-01-09");
        // Test starting inside training.
        assertThrows(IllegalArgumentException.class, () -> new EvaluationWindow(JAN1, jan5, 7, JAN1.plusDays(2), jan9));
        // Empty test.
        assertThrows(IllegalArgumentException.class, () -> new EvaluationWindow(JAN1, jan5, 7, jan9, jan9));
        // Negative delay.
        assertThrows(IllegalArgumentException.class, () -> new EvaluationWindow(JAN1, jan5, -1, jan5, jan9));
        // Training ending before it starts.
        assertThrows(IllegalArgumentException.class, () -> new EvaluationWindow(jan5, JAN1, 7, jan5, jan9));
    }
}
