package io.ringfence.models.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A backtest's figures on a file small enough to work out by hand, and a check's counts. */
class RulesBacktestTest {
    /**
     * A warm-up day, then one day of four payments on distinct cards. By hand, with {@code Block if :amount: > 100}:
     * it blocks 150.00 (fraud), 250.00 (genuine) and 120.00 (unlabelled), not 20.00; the shadow {@code :amount: < 50}
     * matches 20.00 (genuine) only. The built-in policy approves all four: new cards, ordinary amounts.
     */
    private static final String DATA = """
        timestamp,card,amount,channel,entry_mode,merchant,email,label
        2025-03-02T09:00:00Z,card-0,500.00,CP,chip,shop,,0
        2025-03-03T10:00:00Z,card-1,150.00,CP,chip,shop,,1
        2025-03-03T11:00:00Z,card-2,20.00,CP,chip,shop,,0
        2025-03-03T12:00:00Z,card-3,250.00,CP,chip,shop,,0
        2025-03-03T13:00:00Z,card-4,120.00,CNP,ecommerce,shop,joe@example.com,
        """;

    @TempDir
    Path directory;

    private RulesBacktest.Outcome backtest(final String rules) throws Exception {
        final Path data = Files.writeString(directory.resolve("day.csv"), DATA);
        final Path file = Files.writeString(directory.resolve("test.rules"), rules);
        return RulesBacktest.run(new RulesBacktest.Request(file, data, LocalDate.parse("2025-03-03"),
            LocalDate.parse("2025-03-04"), null, Duration.ofDays(7)));
    }

    @Test
    void perRuleFiguresAreThoseWorkedOutByHand() throws Exception {
        final RulesBacktest.Outcome outcome = backtest("[large] Block if :amount: > 100\n"
            + "[small] shadow Review if :amount: < 50\n");
        assertEquals(List.of(
            new RulesBacktest.RuleFigures("large", "Block", false, 3, 1, 1, 150.00, 250.00),
            new RulesBacktest.RuleFigures("small", "Review", true, 1, 0, 1, 0.0, 20.00)), outcome.rules());
        assertEquals(0.5, outcome.rules().get(0).precision());
        assertEquals(new RulesBacktest.Overall(4, 1, 0, 3, 0, 1), outcome.overall());
        assertEquals(0.75, outcome.overall().declineRateWith());
        assertEquals(1.0, outcome.overall().fraudRecallWith());
        assertEquals(0.0, outcome.overall().fraudRecallWithout());
    }

    @Test
    void theJsonHasRulesAndOverall() throws Exception {
        final String json = backtest("[large] Block if :amount: > 100\n").json();
        assertTrue(json.startsWith("{\"rules\":[{\"name\":\"large\",\"action\":\"Block\",\"shadow\":false,\"hits\":3,"
            + "\"fraud_hits\":1,\"genuine_hits\":1,\"precision\":0.500000,\"fraud_amount_caught\":150.00,"
            + "\"genuine_amount_blocked\":250.00}],\"overall\":{"), json);
        assertTrue(json.contains("\"decline_rate_with_rules\":0.750000,"), json);
        assertTrue(json.contains("\"fraud_recall_without_rules\":0.000000,"), json);
    }

    @Test
    void aRuleThatNeverHitsHasNoPrecisionAndABadFileIsRefusedBeforeAnyReplay() throws Exception {
        final RulesBacktest.Outcome outcome = backtest("[never] Block if :amount: > 100000\n");
        assertTrue(Double.isNaN(outcome.rules().get(0).precision()));
        assertTrue(outcome.json().contains("\"precision\":null"), outcome.json());
        final RulesRefusedException refused = assertThrows(RulesRefusedException.class,
            () -> backtest("Block if :amount: >\n"));
        assertEquals(directory.resolve("test.rules") + ":1:20: the condition ends too soon", refused.getMessage());
    }

    @Test
    void aCheckCountsRulesShadowsAndListItems() throws IOException, RulesRefusedException {
        Files.writeString(directory.resolve("bins.txt"), "411111\n401288\n");
        final Path file = Files.writeString(directory.resolve("check.rules"), """
            list @bins from 'bins.txt'
            list @unused = ['a']
            [ours] Allow if :bin: in @bins
            [night] shadow Block if :hour: < 5
            """);
        final RulesCheck.Summary summary = RulesCheck.check(file);
        assertEquals(new RulesCheck.Summary(1, 1, Map.of("bins", 2, "unused", -1)), summary);
        assertEquals("2 rules (1 shadow), 2 lists (@bins 2 items, @unused tested by no rule)", summary.text());
    }
}
