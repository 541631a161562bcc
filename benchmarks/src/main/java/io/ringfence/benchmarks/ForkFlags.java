package io.ringfence.benchmarks;

/**
 * JVM flags benchmark forks add, for {@code @Fork(jvmArgsAppend = ...)}. The flags every Ringfence JVM needs live
 * once, in {@code jvm.options} at the project root: launch {@code java @jvm.options -jar benchmarks.jar} and JMH
 * passes them on to every fork with the rest of the host JVM's arguments.
 */
final class ForkFlags {
    /** Agrona bounds checks: on in tests, off in JMH forks, as in Agrona's own benchmarks. */
    static final String NO_BOUNDS_CHECKS = "-Dagrona.disable.bounds.checks=true";
    /** A fixed heap, so heap resizing does not show up as latency. */
    static final String HEAP_MIN = "-Xms2g";
    static final String HEAP_MAX = "-Xmx2g";
    /**
     * Room for a 10-million-card store beside the heap: about 2.6 GB of direct memory, while the JVM's default
     * limit on direct memory is the maximum heap size.
     */
    static final String DIRECT_MEMORY_MAX = "-XX:MaxDirectMemorySize=4g";

    private ForkFlags() {
    }
}
