package io.ringfence.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code --config FILE}: a properties file whose keys are a command's long options without their dashes, giving
 * defaults the command line overrides. A key that is no option is refused with its line, so a misspelt setting
 * cannot be silently ignored.
 */
final class ConfigFile {
    private static final Set<String> NOT_SETTINGS = Set.of("config", "help", "version");

    private ConfigFile() {
    }

    /** Parses the command's arguments again, this time under the file's defaults, and runs it. */
    static int rerunWith(final CommandSpec spec, final Path file) {
        checkKeys(spec, file);
        final CommandLine fresh = ServeCommand.freshCommandLine(spec);
        fresh.setDefaultValueProvider(new CommandLine.PropertiesDefaultProvider(file.toFile()));
        final List<String> args = spec.commandLine().getParseResult().originalArgs();
        // The arguments as typed start with the command's name and whatever came before it: drop them.
        return fresh.execute(args.subList(args.indexOf(spec.name()) + 1, args.size()).toArray(String[]::new));
    }

    private static void checkKeys(final CommandSpec spec, final Path file) {
        final Set<String> settings = spec.options().stream().map(OptionSpec::longestName)
            .map(name -> name.replaceFirst("^-+", "")).filter(name -> !NOT_SETTINGS.contains(name))
            .collect(Collectors.toSet());
        final List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new ParameterException(spec.commandLine(), "--config " + file + ": "
                + CommandFailures.describe(e));
        }
        for (int i = 0; i < lines.size(); i++) {
            final String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            final int separator = firstSeparator(line);
            final String key = (separator < 0 ? line : line.substring(0, separator)).strip();
            if (!settings.contains(key)) {
                throw new ParameterException(spec.commandLine(), file + ":" + (i + 1) + ":1: unknown setting '"
                    + key + "' (settings are the long options without dashes, such as http-port)");
            }
        }
    }

    private static int firstSeparator(final String line) {
        for (int i = 0; i < line.length(); i++) {
            final char c = line.charAt(i);
            if (c == '=' || c == ':' || Character.isWhitespace(c)) {
                return i;
            }
        }
        return -1;
    }
}
