package org.licensing.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemoryCeilingTest {

    @Test
    void refusesAtAndAboveTheCeilingOnly() {
        MemoryCeiling c = new MemoryCeiling(1_000);
        assertFalse(c.refuses(999));
        assertTrue(c.refuses(1_000));
        assertTrue(c.refuses(5_000));
    }

    @Test
    void noCeilingNeverRefuses() {
        MemoryCeiling none = new MemoryCeiling(0);
        assertFalse(none.enabled());
        assertFalse(none.refuses(Long.MAX_VALUE));
    }

    @Test
    void readsUsedMemoryNotItsHumanOrPeakSiblings() {
        String info = "# Memory\r\nused_memory_human:1.2M\r\nused_memory_peak:999999\r\nused_memory:1234567\r\nused_memory_rss:2000000\r\n";
        assertEquals(1_234_567, MemoryCeiling.usedMemory(info));
    }

    @Test
    void anUnreadableAnswerIsMinusOne() {
        assertEquals(-1, MemoryCeiling.usedMemory(null));
        assertEquals(-1, MemoryCeiling.usedMemory("# Memory\r\nused_memory_human:1.2M\r\n"));
        assertEquals(-1, MemoryCeiling.usedMemory("used_memory:lots\r\n"));
    }
}
