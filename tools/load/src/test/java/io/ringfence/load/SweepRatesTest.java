package io.ringfence.load;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The rates a sweep steps through. */
class SweepRatesTest {
    @Test
    void aFactorMultipliesEachStepUpToTheMaximum() {
        final Sweep.Rates rates = new Sweep.Rates(1_000, 1.5, 0, 3_000);
        assertEquals(1_500, rates.after(1_000));
        assertEquals(2_250, rates.after(1_500));
        assertEquals(0, rates.after(2_250), "3,375 is past the maximum");
    }

    @Test
    void aFactorAlwaysMovesTheRateOnByAtLeastOne() {
        assertEquals(2, new Sweep.Rates(1, 1.01, 0, 10).after(1));
    }

    @Test
    void anIncrementAddsToEachStepAndMayLandOnTheMaximum() {
        final Sweep.Rates rates = new Sweep.Rates(500, 0, 500, 1_500);
        assertEquals(1_000, rates.after(500));
        assertEquals(1_500, rates.after(1_000));
        assertEquals(0, rates.after(1_500));
    }

    @Test
    void aSweepThatCannotClimbIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Sweep.Rates(1_000, 1.0, 0, 2_000));
        assertThrows(IllegalArgumentException.class, () -> new Sweep.Rates(1_000, 2.0, 0, 500));
        assertThrows(IllegalArgumentException.class, () -> new Sweep.Rates(0, 2.0, 0, 500));
    }
}
