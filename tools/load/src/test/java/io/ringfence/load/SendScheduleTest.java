package io.ringfence.load;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The open-loop schedule: evenly spaced intended send times. */
class SendScheduleTest {
    @Test
    void requestsAreDueEvenlySpacedAtTheRate() {
        final SendSchedule schedule = new SendSchedule(4);
        assertEquals(0, schedule.dueNanos(0));
        assertEquals(250_000_000, schedule.dueNanos(1));
        assertEquals(500_000_000, schedule.dueNanos(2));
        assertEquals(1_000_000_000, schedule.dueNanos(4));
        assertEquals(2_750_000_000L, schedule.dueNanos(11));
    }

    @Test
    void aRateThatDoesNotDivideASecondRoundsEachTimeDownWithoutDrift() {
        final SendSchedule schedule = new SendSchedule(3);
        assertEquals(333_333_333, schedule.dueNanos(1));
        assertEquals(666_666_666, schedule.dueNanos(2));
        assertEquals(1_000_000_000, schedule.dueNanos(3));
        assertEquals(3_000_000_000_000L, schedule.dueNanos(9_000));
    }

    @Test
    void aPhaseSendsEveryRequestDueBeforeItsEnd() {
        final SendSchedule schedule = new SendSchedule(2_000);
        assertEquals(2_000, schedule.totalSends(1_000_000_000L));
        assertEquals(20_000, schedule.totalSends(10_000_000_000L));
        assertEquals(2, schedule.totalSends(1_000_000L), "due at 0 and 0.5 ms; 1 ms is the end");
        assertEquals(3, schedule.totalSends(1_000_001L));
        assertEquals(1, schedule.totalSends(1L));
        assertEquals(0, schedule.totalSends(0L));
    }

    @Test
    void theArithmeticIsExactAtTheHighestRateOverAYear() {
        final long rate = SendSchedule.MAX_RATE;
        final SendSchedule schedule = new SendSchedule(rate);
        final long k = rate * 86_400L * 365L + 12_345L;
        final BigInteger expected = BigInteger.valueOf(k).multiply(BigInteger.valueOf(1_000_000_000L))
            .divide(BigInteger.valueOf(rate));
        assertEquals(expected.longValueExact(), schedule.dueNanos(k));
        assertEquals(k, schedule.totalSends(schedule.dueNanos(k)));
    }

    @Test
    void aRateOutOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SendSchedule(0));
        assertThrows(IllegalArgumentException.class, () -> new SendSchedule(SendSchedule.MAX_RATE + 1));
    }
}
