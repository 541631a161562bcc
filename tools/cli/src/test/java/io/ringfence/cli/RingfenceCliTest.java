package io.ringfence.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line: help lists the commands; a bad command line gets one line on stderr and exit code 2. */
class RingfenceCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args) {
        return RingfenceCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("demo"), out.toString());
        assertTrue(out.toString().contains("Usage: ringfence"), out.toString());
    }

    @Test
    void demoHelpListsItsOptions() {
        assertEquals(0, run("demo", "--help"));
        for (final String option : new String[] {"--cards", "--seed", "--producers"}) {
            assertTrue(out.toString().contains(option), option + " missing from: " + out);
        }
    }

    @Test
    void versionIsPrinted() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("ringfence "), out.toString());
    }

    @Test
    void withoutACommandTheUsageGoesToStderrWithExitCodeTwo() {
        assertEquals(RingfenceCli.USAGE_ERROR, run());
        assertTrue(err.toString().contains("Usage: ringfence"), err.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "demo --cardz 500;         --cardz",
        "demo --cards many;        --cards",
        "demo --cards 5;           --cards",
        "demo --cards 5000000;     --cards",
        "demo --producers 0;       --producers",
        "demo --seed;              --seed",
        "demo extra;               extra",
        "demo --model /nonexistent/model; --model",
        "frobnicate;               frobnicate",
    })
    void aBadCommandLineGetsOneLineNamingTheProblemAndExitCodeTwo(final String commandLine, final String named) {
        assertEquals(RingfenceCli.USAGE_ERROR, run(commandLine.split(" ")));
        final String message = err.toString();
        assertEquals(1, message.lines().count(), "not one line: " + message);
        assertTrue(message.contains(named), "does not name " + named + ": " + message);
        assertTrue(message.contains("--help"), "no pointer to --help: " + message);
        assertEquals("", out.toString());
    }

    @Test
    void aMistypedOptionGetsASuggestion() {
        run("demo", "--card", "500");
        assertTrue(err.toString().contains("did you mean --cards?"), err.toString());
    }

    /**
     * Picocli formats help text with String.format and, on a bad format (a bare percent sign), warns on stderr and
     * prints the text raw: every command's help must render without that warning.
     */
    @Test
    void everyCommandsHelpRendersWithoutAFormatWarning() {
        final PrintStream stderr = System.err;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final List<String> commands = new ArrayList<>();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            renderHelp(new CommandLine(new RingfenceCli()), commands);
        } finally {
            System.setErr(stderr);
        }
        assertTrue(commands.size() > 5, commands.toString());
        assertEquals("", captured.toString(StandardCharsets.UTF_8), "help of " + commands);
    }

    private static void renderHelp(final CommandLine command, final List<String> commands) {
        commands.add(command.getCommandName());
        assertFalse(command.getUsageMessage().isEmpty());
        for (final CommandLine sub : command.getSubcommands().values()) {
            renderHelp(sub, commands);
        }
    }
}
