package io.ringfence.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The dependency rules the layout promises, checked against a {@link PackageGraph}. Each violation is one line
 * naming the package and what it may not use.
 */
final class ArchitectureRules {
    /** The value types: what every other package may use, so they use nothing of ours. */
    static final String API = "io.ringfence.api";
    /** Domain packages: the business logic and what it is made of. None may know the Disruptor or Chronicle. */
    static final Set<String> DOMAIN = Set.of("io.ringfence.history", "io.ringfence.features", "io.ringfence.scoring",
        "io.ringfence.decision", "io.ringfence.event", "io.ringfence.ingress", "io.ringfence.rules");
    static final Set<String> INFRASTRUCTURE = Set.of("com.lmax.disruptor", "net.openhft.chronicle");
    /** The command line parses arguments and prints; the work lives behind these. */
    static final Set<String> CLI_MAY_USE = Set.of("io.ringfence", API, "io.ringfence.journal", "io.ringfence.models",
        "io.ringfence.synthetic", "io.ringfence.demo", "io.ringfence.load", "io.ringfence.server");
    /** The engine an embedder depends on: it knows no network door and no network library. */
    static final Set<String> ENGINE = Set.of("io.ringfence", API, "io.ringfence.pipeline", "io.ringfence.journal",
        "io.ringfence.snapshot", "io.ringfence.metrics", "io.ringfence.hashing");
    static final String SERVER = "io.ringfence.server";
    static final String NETTY = "io.netty";
    static final String CLI = "io.ringfence.cli";
    static final String SYNTHETIC = "io.ringfence.synthetic";
    static final String BENCHMARKS = "io.ringfence.benchmarks";

    private ArchitectureRules() {
    }

    static List<String> violations(final PackageGraph graph) {
        final List<String> violations = new ArrayList<>();
        for (final String pkg : graph.packages()) {
            final Set<String> ours = graph.usesOfOurs(pkg);
            if (pkg.equals(API)) {
                ours.stream().filter(used -> !used.equals(API))
                    .forEach(used -> violations.add(pkg + " is the leaf of value types but uses " + used));
            }
            if (DOMAIN.contains(pkg)) {
                graph.uses(pkg).stream().filter(used -> INFRASTRUCTURE.stream().anyMatch(used::startsWith))
                    .forEach(used -> violations.add(pkg + " is domain logic but uses " + used));
            }
            if (ENGINE.contains(pkg) || DOMAIN.contains(pkg)) {
                graph.uses(pkg).stream().filter(used -> used.startsWith(SERVER) || used.startsWith(NETTY))
                    .forEach(used -> violations.add(pkg + " is the embedded engine but uses " + used));
            }
            if (pkg.equals(CLI) || pkg.startsWith(CLI + ".")) {
                ours.stream().filter(used -> !used.equals(CLI) && !used.startsWith(CLI + "."))
                    .filter(used -> CLI_MAY_USE.stream().noneMatch(allowed -> used.equals(allowed)
                        || (!allowed.equals("io.ringfence") && used.startsWith(allowed + "."))))
                    .forEach(used -> violations.add(pkg + " only parses and prints but uses " + used));
            }
            if (pkg.equals(SYNTHETIC) || pkg.startsWith(SYNTHETIC + ".")) {
                ours.stream().filter(used -> !used.equals(API) && !used.startsWith(SYNTHETIC))
                    .forEach(used -> violations.add(pkg + " may use only the engine's api but uses " + used));
            }
            if (pkg.startsWith(BENCHMARKS)) {
                ours.stream().filter(used -> used.startsWith(CLI))
                    .forEach(used -> violations.add(pkg + " may not depend on the command line but uses " + used));
            }
        }
        for (final Set<String> cycle : graph.cycles()) {
            violations.add("package cycle: " + String.join(" <-> ", cycle));
        }
        return violations;
    }
}
