package org.licensing.stats.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StreamEntryIdTest {

    @Test
    void ordersNumericallyNotAsText() {
        assertTrue(StreamEntryId.parse("1700000000000-10").isAfter(StreamEntryId.parse("1700000000000-9")));
        assertTrue(StreamEntryId.parse("1700000000001-0").isAfter(StreamEntryId.parse("1700000000000-99")));
        assertFalse(StreamEntryId.parse("5-1").isAfter(StreamEntryId.parse("5-1")));
        assertTrue(StreamEntryId.parse("0-1").isAfter(StreamEntryId.ZERO));
    }

    @Test
    void roundTrips() {
        assertEquals("1700000000000-7", StreamEntryId.parse("1700000000000-7").toString());
        assertEquals(StreamEntryId.ZERO, StreamEntryId.parse("0-0"));
        assertEquals(StreamEntryId.ZERO, StreamEntryId.parse(null));
    }

    @Test
    void refusesGarbage() {
        assertThrows(IllegalArgumentException.class, () -> StreamEntryId.parse("abc-1"));
    }
}
