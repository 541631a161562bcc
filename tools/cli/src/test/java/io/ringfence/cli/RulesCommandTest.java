package io.ringfence.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ringfence rules}: a check prints counts or one FILE:LINE:COL line with exit 2; a backtest prints figures. */
class RulesCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path directory;

    private int run(final String... args) {
        return RingfenceCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void aGoodFileIsCountedWithExitZero() throws IOException {
        final Path file = Files.writeString(directory.resolve("good.rules"), """
            list @watched = ['mallory@example.com']
            [watched] Review if :email: in @watched
            [night] shadow Block if :hour: < 5 and :amount: > 500
            """);
        assertEquals(0, run("rules", "check", file.toString()), err.toString());
        assertEquals(file + ": 2 rules (1 shadow), 1 lists (@watched 1 items)\n", out.toString());
    }

    @Test
    void aBadFileGetsOneLineWithItsPositionAndExitTwo() throws IOException {
        final Path file = Files.writeString(directory.resolve("bad.rules"), "# fine\nBlock if :amount >\n");
        assertEquals(2, run("rules", "check", file.toString()));
        assertEquals(file + ":2:10: attribute not closed with ':': write it as :name:\n", err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void aCardNumberInABadFileIsNeverEchoed() throws IOException {
        final Path file = Files.writeString(directory.resolve("pan.rules"),
            "Block if :card_fingerprint: = '4111111111111111' and :email: = 4111111111111111\n");
        assertEquals(2, run("rules", "check", file.toString()));
        assertTrue(!err.toString().contains("4111111111111111"), err.toString());
    }

    @Test
    void aBacktestPrintsEachRuleAndTheOverallFigures() throws IOException {
        final Path data = Files.writeString(directory.resolve("day.csv"), """
            timestamp,card,amount,channel,entry_mode,merchant,label
            2025-03-03T10:00:00Z,card-1,150.00,CP,chip,shop,1
            2025-03-03T11:00:00Z,card-2,20.00,CP,chip,shop,0
            """);
        final Path rules = Files.writeString(directory.resolve("large.rules"), "[large] Block if :amount: > 100\n");
        assertEquals(0, run("rules", "backtest", "--rules", rules.toString(), "--data", data.toString(), "--from",
            "2025-03-03", "--to", "2025-03-04", "--model", "builtin", "--json"), err.toString());
        assertTrue(out.toString().startsWith("{\"rules\":[{\"name\":\"large\",\"action\":\"Block\",\"shadow\":false,"
            + "\"hits\":1,\"fraud_hits\":1,\"genuine_hits\":0,"), out.toString());
        assertEquals(2, run("rules", "backtest", "--rules", rules.toString(), "--data", data.toString(), "--from",
            "2025-03-04", "--to", "2025-03-03"));
    }
}
