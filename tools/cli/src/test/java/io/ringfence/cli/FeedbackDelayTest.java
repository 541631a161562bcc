package io.ringfence.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FeedbackDelayTest {
    @Test
    void delaysParseWithTheirUnit() {
        assertEquals(Duration.ofDays(7), FeedbackDelay.parse("7d"));
        assertEquals(Duration.ofHours(36), FeedbackDelay.parse("36h"));
        assertEquals(Duration.ZERO, FeedbackDelay.parse("0"));
        assertThrows(RuntimeException.class, () -> FeedbackDelay.parse("7x"));
        assertThrows(RuntimeException.class, () -> FeedbackDelay.parse("-1d"));
    }
}
