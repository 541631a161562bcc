package io.ringfence.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

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
}
