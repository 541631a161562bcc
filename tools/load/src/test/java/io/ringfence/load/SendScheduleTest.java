package io.ringfence.load;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The open-loop schedule: evenly spaced intended send times, shared out over the producers. */
class SendScheduleTest {
    @Test
    void requestsAreDueEvenlySpacedAtTheRate() {
        final SendSchedule schedule = new SendSchedule(4, 1);
        assertEquals(0, schedule.dueNanos(0));
        assertEquals(250_000_000, schedule.dueNanos(1));
        assertEquals(500_000_000, schedule.dueNanos(2));
        assertEquals(1_000_000_000, schedule.dueNanos(4));
        assertEquals(2_750_000_000L, schedule.dueNanos(11));
    }

    @Test
    void aRateThatDoesNotDivideASecondRoundsEachTimeDownWithoutDrift() {
        final SendSchedule schedule = new SendSchedule(3, 1);
        assertEquals(333_333_333, schedule.dueNanos(1));
        assertEquals(666_666_666, schedule.dueNanos(2));
        assertEquals(1_000_000_000, schedule.dueNanos(3));
        assertEquals(3_000_000_000_000L, schedule.dueNanos(9_000));
    }

    @Test
    void producersInterleaveSoTogetherTheyKeepTheRate() {
        final SendSchedule schedule = new SendSchedule(1_000, 4);
        assertEquals(0, schedule.dueNanos(0, 0));
        assertEquals(1_000_000, schedule.dueNanos(1, 0));
        assertEquals(3_000_000, schedule.dueNanos(3, 0));
        assertEquals(4_000_000, schedule.dueNanos(0, 1));
        assertEquals(9_000_000, schedule.dueNanos(1, 2));
        for (int p = 0; p < 4; p++) {
            assertEquals(4_000_000, schedule.dueNanos(p, 7) - schedule.dueNanos(p, 6), "producer " + p);
        }
    }

    @Test
    void aPhaseSendsEveryRequestDueBeforeItsEnd() {
        final SendSchedule schedule = new SendSchedule(2_000, 1);
        assertEquals(2_000, schedule.totalSends(1_000_000_000L));
        assertEquals(20_000, schedule.totalSends(10_000_000_000L));
        assertEquals(2, schedule.totalSends(1_000_000L), "due at 0 and 0.5 ms; 1 ms is the end");
        assertEquals(3, schedule.totalSends(1_000_001L));
        assertEquals(1, schedule.totalSends(1L));
        assertEquals(0, schedule.totalSends(0L));
    }

    @Test
    void theProducersSharesAddUpToThePhaseAndCoverEachRequestOnce() {
        final SendSchedule schedule = new SendSchedule(1_000, 3);
        final long duration = 10_500_000L;
        assertEquals(11, schedule.totalSends(duration));
        final List<Long> due = new ArrayList<>();
        long sends = 0;
        for (int p = 0; p < 3; p++) {
            sends += schedule.sendsOf(p, duration);
            for (long i = 0; i < schedule.sendsOf(p, duration); i++) {
                due.add(schedule.dueNanos(p, i));
            }
        }
        assertEquals(11, sends);
        due.sort(Long::compare);
        for (int k = 0; k < due.size(); k++) {
            assertEquals(k * 1_000_000L, due.get(k));
        }
    }

    @Test
    void moreProducersThanRequestsLeavesSomeIdle() {
        final SendSchedule schedule = new SendSchedule(2, 4);
        assertEquals(1, schedule.sendsOf(0, 1_000_000_000L));
        assertEquals(1, schedule.sendsOf(1, 1_000_000_000L));
        assertEquals(0, schedule.sendsOf(2, 1_000_000_000L));
    }

    @Test
    void theArithmeticIsExactAtTheHighestRateOverAYear() {
        final long rate = SendSchedule.MAX_RATE;
        final SendSchedule schedule = new SendSchedule(rate, 1);
        final long k = rate * 86_400L * 365L + 12_345L;
        final BigInteger expected = BigInteger.valueOf(k).multiply(BigInteger.valueOf(1_000_000_000L))
            .divide(BigInteger.valueOf(rate));
        assertEquals(expected.longValueExact(), schedule.dueNanos(k));
        assertEquals(k, schedule.totalSends(schedule.dueNanos(k)));
    }

    @Test
    void aRateOrProducerCountOutOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SendSchedule(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new SendSchedule(SendSchedule.MAX_RATE + 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SendSchedule(1, 0));
    }
}
