package io.ringfence.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.ringfence.api.WaitStrategyKind;

import java.util.concurrent.TimeUnit;

/** Maps the configured {@link WaitStrategyKind} (its javadoc states each trade-off) to the Disruptor's. */
final class WaitStrategies {
    private static final long SPIN_MICROS = 10;
    private static final long YIELD_MICROS = 100;

    private WaitStrategies() {
    }

    static WaitStrategy create(final WaitStrategyKind kind) {
        return switch (kind) {
            case PHASED_BACKOFF -> PhasedBackoffWaitStrategy.withLiteLock(SPIN_MICROS, YIELD_MICROS, TimeUnit.MICROSECONDS);
            case BLOCKING -> new BlockingWaitStrategy();
            case SLEEPING -> new SleepingWaitStrategy();
            case YIELDING -> new YieldingWaitStrategy();
            case BUSY_SPIN -> new BusySpinWaitStrategy();
        };
    }
}
