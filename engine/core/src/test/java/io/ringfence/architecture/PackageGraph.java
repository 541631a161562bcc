package io.ringfence.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which package uses which, read from source: every import (static ones included) and every fully qualified name in
 * the code. Only the project's main sources are read, so tests may reach wherever they need to.
 */
final class PackageGraph {
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    /** A qualified name up to its first capitalised segment: the package of the type it names. */
    private static final Pattern QUALIFIED = Pattern.compile("\\b((?:[a-z][a-z0-9_]*\\.)+)[A-Z]");

    /** Each package's dependencies on other packages, ours and libraries' alike. */
    private final Map<String, Set<String>> uses = new TreeMap<>();

    /** The graph of every {@code src/main/java} file under {@code root}, build output left out. */
    static PackageGraph ofSources(final Path root) {
        final PackageGraph graph = new PackageGraph();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".java"))
                .filter(f -> f.toString().contains("/src/main/java/") && !f.toString().contains("/target/"))
                .forEach(f -> graph.addSource(read(f)));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    void addSource(final String source) {
        final Matcher declared = PACKAGE.matcher(source);
        if (!declared.find()) {
            return;
        }
        final String own = declared.group(1);
        final Set<String> dependencies = uses.computeIfAbsent(own, p -> new TreeSet<>());
        final Matcher qualified = QUALIFIED.matcher(withoutComments(source.substring(declared.end())));
        while (qualified.find()) {
            final String used = qualified.group(1).substring(0, qualified.group(1).length() - 1);
            if (!used.equals(own)) {
                dependencies.add(used);
            }
        }
    }

    /** Every package read. */
    Set<String> packages() {
        return uses.keySet();
    }

    /** What {@code pkg} uses. */
    Set<String> uses(final String pkg) {
        return uses.getOrDefault(pkg, Set.of());
    }

    /** Packages of ours ({@code io.ringfence...}) that {@code pkg} uses. */
    Set<String> usesOfOurs(final String pkg) {
        final Set<String> ours = new TreeSet<>();
        for (final String used : uses(pkg)) {
            if (used.equals("io.ringfence") || used.startsWith("io.ringfence.")) {
                ours.add(used);
            }
        }
        return ours;
    }

    /** The package cycles: each strongly connected group of more than one package, by Tarjan's algorithm. */
    List<Set<String>> cycles() {
        final Map<String, Integer> index = new HashMap<>();
        final Map<String, Integer> low = new HashMap<>();
        final Deque<String> stack = new ArrayDeque<>();
        final Set<String> onStack = new TreeSet<>();
        final List<Set<String>> cycles = new ArrayList<>();
        for (final String pkg : packages()) {
            if (!index.containsKey(pkg)) {
                connect(pkg, index, low, stack, onStack, cycles);
            }
        }
        return cycles;
    }

    private void connect(final String pkg, final Map<String, Integer> index, final Map<String, Integer> low,
        final Deque<String> stack, final Set<String> onStack, final List<Set<String>> cycles) {
        index.put(pkg, index.size());
        low.put(pkg, index.get(pkg));
        stack.push(pkg);
        onStack.add(pkg);
        for (final String next : usesOfOurs(pkg)) {
            if (!packages().contains(next)) {
                continue;
            }
            if (!index.containsKey(next)) {
                connect(next, index, low, stack, onStack, cycles);
                low.put(pkg, Math.min(low.get(pkg), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(pkg, Math.min(low.get(pkg), index.get(next)));
            }
        }
        if (low.get(pkg).equals(index.get(pkg))) {
            final Set<String> group = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                group.add(member);
            } while (!member.equals(pkg));
            if (group.size() > 1) {
                cycles.add(group);
            }
        }
    }

    /** The code with comments, string and character literals blanked: a scan, not a regex, so size is no limit. */
    static String withoutComments(final String code) {
        final StringBuilder out = new StringBuilder(code.length());
        int i = 0;
        while (i < code.length()) {
            final char c = code.charAt(i);
            if (code.startsWith("//", i)) {
                while (i < code.length() && code.charAt(i) != '\n') {
                    i++;
                }
            } else if (code.startsWith("/*", i)) {
                final int end = code.indexOf("*/", i + 2);
                i = end < 0 ? code.length() : end + 2;
                out.append(' ');
            } else if (code.startsWith("\"\"\"", i)) {
                final int end = code.indexOf("\"\"\"", i + 3);
                i = end < 0 ? code.length() : end + 3;
                out.append("\"\"");
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < code.length() && code.charAt(i) != c && code.charAt(i) != '\n') {
                    i += code.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                out.append(c).append(c);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String read(final Path file) {
        try {
            return Files.readString(file);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
