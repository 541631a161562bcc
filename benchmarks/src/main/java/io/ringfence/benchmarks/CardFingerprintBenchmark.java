package io.ringfence.benchmarks;

import io.ringfence.ingress.CardFingerprinter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Measures {@link CardFingerprinter#fingerprint}: the keyed HMAC-SHA256 fingerprint every gateway thread computes
 * per request before it claims a ring slot (run with {@code -prof gc} for B/op).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {ForkFlags.NO_BOUNDS_CHECKS, ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX})
public class CardFingerprintBenchmark {
    private final long[] out = new long[2];
    private CardFingerprinter fingerprinter;
    private String pan;

    /** Builds the fingerprinter with the development key and picks one 16-digit, Luhn-valid PAN. */
    @Setup(Level.Trial)
    public void setUp() {
        fingerprinter = new CardFingerprinter(SyntheticTraffic.developmentKey());
        pan = SyntheticTraffic.pan(123_456);
        if (pan.length() != 16) {
            throw new IllegalStateException("expected a 16-digit PAN");
        }
    }

    /** Fingerprint of one 16-digit PAN (HMAC-SHA256 truncated to 128 bits), in ns/op. */
    @Benchmark
    public long fingerprint() {
        fingerprinter.fingerprint(pan, out);
        return out[0] ^ out[1];
    }
}
