package io.ringfence.benchmarks;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The control for every latency figure on this machine: two threads handing a counter back and forth by spinning,
 * with no Ringfence code at all, as percentiles (SampleTime). Its median is the physical floor of a hand-off
 * between two cores; its tail is what the machine itself (the hypervisor taking a vCPU away, the JIT, the GC)
 * does to any two busy threads, and bounds the tail of every two-thread figure measured in the same hour.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SpinHandOffBenchmark {
    private final AtomicLong ping = new AtomicLong();
    private final AtomicLong pong = new AtomicLong();
    private volatile boolean running;
    private Thread echo;
    private long next;

    /** Starts the echo thread, which answers each ping with the same number. */
    @Setup(Level.Trial)
    public void startEcho() {
        running = true;
        echo = new Thread(() -> {
            long answered = 0;
            while (running) {
                final long asked = ping.get();
                if (asked != answered) {
                    pong.lazySet(asked);
                    answered = asked;
                } else {
                    Thread.onSpinWait();
                }
            }
        }, "spin-echo");
        echo.setDaemon(true);
        echo.start();
    }

    /** Stops the echo thread. */
    @TearDown(Level.Trial)
    public void stopEcho() throws InterruptedException {
        running = false;
        echo.join();
    }

    /** One round trip: ping, then spin until the echo answers it. */
    @Benchmark
    public long roundTrip() {
        final long n = ++next;
        ping.lazySet(n);
        while (pong.get() != n) {
            Thread.onSpinWait();
        }
        return n;
    }
}
