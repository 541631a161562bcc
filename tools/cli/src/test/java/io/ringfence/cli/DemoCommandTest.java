package io.ringfence.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoCommandTest {
    @Test
    void theDemoCommandPrintsTheSummary() {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exit = RingfenceCli.run(new PrintWriter(out, true), new PrintWriter(err, true),
            "demo", "--cards", "300", "--seed", "5", "--no-warm-up");
        assertEquals(0, exit, err.toString());
        final String summary = out.toString();
        for (final String section : new String[] {"Decisions by channel and action", "Decisions by response code",
            "Scenarios", "Cross-channel blocks", "Flag-to-block", "Decision latency", "Throughput",
            "bytes per card"}) {
            assertTrue(summary.contains(section), "missing section " + section);
        }
        assertFalse(summary.matches("(?s).*\\d{16}.*"), "sixteen digits in a row in the summary");
    }

    @Test
    void withRulesTheSummaryListsEachRulesHitsAndABadFileIsRefusedFirst(@TempDir final Path directory)
        throws IOException {
        final Path rules = Files.writeString(directory.resolve("demo.rules"),
            "[large-online] Block if :channel: = 'CNP' and :amount: > 200\n[night] shadow Review if :hour: < 5\n");
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        assertEquals(0, RingfenceCli.run(new PrintWriter(out, true), new PrintWriter(err, true),
            "demo", "--cards", "300", "--seed", "5", "--no-warm-up", "--model", "builtin", "--rules",
            rules.toString()), err.toString());
        assertTrue(out.toString().contains("Rules (" + rules + ")"), out.toString());
        assertTrue(out.toString().matches("(?s).*\\n  large-online +[0-9,]+\\n.*"), out.toString());
        assertTrue(out.toString().matches("(?s).*\\n  night +[0-9,]+  \\(shadow\\)\\n.*"), out.toString());

        final Path bad = Files.writeString(directory.resolve("bad.rules"), "Block if :amout: > 1\n");
        final StringWriter badErr = new StringWriter();
        assertEquals(2, RingfenceCli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(badErr, true),
            "demo", "--rules", bad.toString()));
        assertEquals(bad + ":1:10: unknown attribute :amout:\n", badErr.toString());
    }
}
