package org.licensing.stats.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PollPacingTest {

    private static long next(long previous, int entries) {
        return PollPacing.nextDelayMs(previous, entries, 500, 100, 1000);
    }

    @Test
    void aFullBatchPollsAgainAtOnce() {
        assertEquals(1, next(800, 500));
    }

    @Test
    void aPartialBatchPollsAtTheIdlePace() {
        assertEquals(100, next(800, 42));
        assertEquals(100, next(1, 1));
    }

    @Test
    void emptyPollsInARowDoubleTheWaitUpToTheCeiling() {
        assertEquals(100, next(1, 0)); // right after a full batch
        assertEquals(200, next(100, 0));
        assertEquals(400, next(200, 0));
        assertEquals(800, next(400, 0));
        assertEquals(1000, next(800, 0));
        assertEquals(1000, next(1000, 0));
    }

    @Test
    void aCeilingBelowTheIdleWaitNeverShortensIt() {
        assertEquals(100, PollPacing.nextDelayMs(100, 0, 500, 100, 50));
    }
}
