package org.licensing.common.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SlotReadsTest {

    @Test
    void theHashTagIsTheFirstNonEmptyBracePair() {
        assertEquals("s12", SlotReads.hashTag("device:{s12}:7:online"));
        assertEquals("a", SlotReads.hashTag("x{a}{b}"));
        // an empty pair does not count: the whole key is hashed
        assertEquals("x{}{b}", SlotReads.hashTag("x{}{b}"));
        assertEquals("jwt:blacklist:abc", SlotReads.hashTag("jwt:blacklist:abc"));
        assertEquals("x{open", SlotReads.hashTag("x{open"));
    }

    @Test
    void keysAreGroupedBySlotKeepingTheirOrderWithinAGroup() {
        Map<String, List<String>> groups = SlotReads.byHashTag(
                List.of("device:{s1}:9:online", "device:{s2}:3:online", "device:{s1}:4:online", "license:5:status"));
        assertEquals(List.of("device:{s1}:9:online", "device:{s1}:4:online"), groups.get("s1"));
        assertEquals(List.of("device:{s2}:3:online"), groups.get("s2"));
        assertEquals(List.of("license:5:status"), groups.get("license:5:status"));
        assertEquals(3, groups.size());
    }
}
