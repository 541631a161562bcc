package io.ringfence.architecture;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layout's dependency rules hold over every module's main sources: the api leaf, domain logic free of the
 * Disruptor and Chronicle, no package cycles, a command line that only parses and prints, a generator that knows only
 * the api, benchmarks that do not need the command line.
 */
class ArchitectureTest {
    /** The repository root, two levels above this module ({@code engine/core}). */
    private static final Path ROOT = Path.of("").toAbsolutePath().resolve("../..").normalize();

    @Test
    void theRepositoryKeepsItsDependencyRules() {
        assertTrue(Files.isDirectory(ROOT.resolve("engine/core")), "not the repository root: " + ROOT);
        final PackageGraph graph = PackageGraph.ofSources(ROOT);
        assertTrue(graph.packages().contains("io.ringfence.cli"), "the command line's sources were not read");
        final List<String> violations = ArchitectureRules.violations(graph);
        assertTrue(violations.isEmpty(), () -> String.join("\n", violations));
    }

    @Test
    void eachRuleCatchesItsViolation() {
        final PackageGraph graph = new PackageGraph();
        graph.addSource("package io.ringfence.api;\nimport io.ringfence.scoring.Scorer;\nclass A {}");
        graph.addSource("package io.ringfence.scoring;\nimport io.ringfence.api.Decision;\n"
            + "class S { com.lmax.disruptor.RingBuffer<?> ring; }");
        graph.addSource("package io.ringfence.cli;\nimport io.ringfence.decision.RiskEngine;\nclass C {}");
        graph.addSource("package io.ringfence.synthetic;\nimport io.ringfence.Engine;\nclass G {}");
        graph.addSource("package io.ringfence.benchmarks;\nimport io.ringfence.cli.RingfenceCli;\nclass B {}");
        graph.addSource("package io.ringfence.pipeline;\nimport io.netty.channel.Channel;\nclass P {}");
        final List<String> violations = ArchitectureRules.violations(graph);
        assertEquals(List.of(
            "io.ringfence.api is the leaf of value types but uses io.ringfence.scoring",
            "io.ringfence.benchmarks may not depend on the command line but uses io.ringfence.cli",
            "io.ringfence.cli only parses and prints but uses io.ringfence.decision",
            "io.ringfence.pipeline is the embedded engine but uses io.netty.channel",
            "io.ringfence.scoring is domain logic but uses com.lmax.disruptor",
            "io.ringfence.synthetic may use only the engine's api but uses io.ringfence",
            "package cycle: io.ringfence.api <-> io.ringfence.scoring"), violations);
    }

    @Test
    void commentsAndStringsAreNotDependencies() {
        final PackageGraph graph = new PackageGraph();
        graph.addSource("package io.ringfence.api;\n/** See {@link io.ringfence.scoring.Scorer}. */\n"
            + "class A { String s = \"io.ringfence.decision.RiskEngine\"; }");
        assertEquals(List.of(), ArchitectureRules.violations(graph));
    }
}
