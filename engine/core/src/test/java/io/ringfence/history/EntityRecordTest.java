package io.ringfence.history;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EntityRecordTest {
    private static final long T0 = 1_710_496_800L;
    private static final long DAY = 86_400L;

    @Test
    void countsTransactionsOverADayAndFraudReportsOverThirtyDays() {
        final EntityHistory terminals = new EntityHistory(8);
        final EntityRecord terminal = new EntityRecord();
        terminals.findOrCreate(77L, T0, terminal);
        assertEquals(77L, terminal.key());
        terminal.recordTransaction(T0, 10, 1L);
        terminal.recordTransaction(T0 + 60, 10, 2L);
        terminal.recordFraudReport(T0 + 120, 0);
        assertEquals(2, terminal.transactionsLastDay(T0 + 120));
        assertEquals(1, terminal.fraudReportsLastMonth(T0 + 120));
        assertEquals(2, terminal.distinctCards());

        assertEquals(0, terminal.transactionsLastDay(T0 + 2 * DAY));
        assertEquals(1, terminal.fraudReportsLastMonth(T0 + 2 * DAY));
        assertEquals(0, terminal.fraudReportsLastMonth(T0 + 31 * DAY));
        terminal.recordFraudReport(T0 + 31 * DAY, 0);
        assertEquals(1, terminal.fraudReportsLastMonth(T0 + 31 * DAY));
        assertEquals(2, terminal.fraudReportsEver());
    }

    @Test
    void peekNeitherCreatesNorTouches() {
        final EntityHistory merchants = new EntityHistory(2);
        final EntityRecord record = new EntityRecord();
        assertFalse(merchants.peek(1L, record));
        assertEquals(0, merchants.size());
        merchants.findOrCreate(1L, T0, record);
        merchants.findOrCreate(2L, T0, record);
        assertTrue(merchants.peek(1L, record));
        merchants.findOrCreate(3L, T0, record);
        assertFalse(merchants.peek(1L, record), "peeking did not save merchant 1 from eviction");
        assertTrue(merchants.peek(2L, record));
        assertEquals(1, merchants.evictions());
    }
}
