package org.licensing.sdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parsesWhatThePlatformSends() {
        Map<String, Object> m = Json.parseObject(
                "{\"valid\":true,\"code\":\"VALID\",\"license_id\":42,\"ratio\":0.5,\"big\":123456789012345678901,"
                        + "\"limits\":{\"max_sessions\":null},\"list\":[1,\"a\\u00e9\\n\"],\"neg\":-3e2}");
        assertEquals(Boolean.TRUE, m.get("valid"));
        assertEquals(42L, m.get("license_id"));
        assertEquals(new BigDecimal("0.5"), m.get("ratio"));
        assertEquals(new BigDecimal("123456789012345678901"), m.get("big"));
        assertEquals(null, ((Map<?, ?>) m.get("limits")).get("max_sessions"));
        assertEquals(List.of(1L, "a\u00e9\n"), m.get("list"));
        assertEquals(new BigDecimal("-3e2"), m.get("neg"));
    }

    @Test
    void writesAndReadsBack() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("license_key", "K\"\\\u0001");
        m.put("left_out", null);
        m.put("n", 3);
        m.put("nested", Map.of("a", List.of(true, false)));
        String s = Json.write(m);
        assertEquals("{\"license_key\":\"K\\\"\\\\\\u0001\",\"n\":3,\"nested\":{\"a\":[true,false]}}", s);
        assertEquals("K\"\\\u0001", Json.parseObject(s).get("license_key"));
    }

    @Test
    void refusesWhatIsNotJson() {
        for (String bad : new String[] {"", "{", "{\"a\":1,}", "[1 2]", "{'a':1}", "{\"a\":1} x", "tru", "01x", "{\"a\":\"\n\"}",
                "[".repeat(100) + "]".repeat(100)}) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject("[1]"));
    }
}
