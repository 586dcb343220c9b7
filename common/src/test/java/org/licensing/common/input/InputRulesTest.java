package org.licensing.common.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.licensing.common.problem.ProblemException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

class InputRulesTest {

    record Body(String deviceId, String reason, List<String> keys, Map<String, Object> fingerprint, Integer count) {}

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    static {
        new InputJsonCustomizer().customize(JSON);
    }

    private static InputRefusedException refused(String json) {
        return assertThrows(InputRefusedException.class, () -> JSON.readValue(json, Body.class), json);
    }

    @Test
    void nulIsRefusedInEveryKindOfField() {
        assertEquals("must not contain the NUL character", InputRules.violation("notes", "a\u0000b"));
        assertEquals("must not contain the NUL character", InputRules.violation("device_id", "\u0000"));
        assertEquals("must not contain the NUL character", InputRules.violation("unknown_field", "x\u0000"));
    }

    @Test
    void namesAndIdsRefuseControlCharactersFreeTextKeepsLineBreaks() {
        assertEquals("must not contain control characters", InputRules.violation("device_id", "pc\n42"));
        assertEquals("must not contain control characters", InputRules.violation("name", "a\u0085b"));
        assertNull(InputRules.violation("reason", "first line\nsecond\tline\r\n"));
        assertEquals("must not contain control characters", InputRules.violation("reason", "bell\u0007"));
        assertEquals("must be valid Unicode text", InputRules.violation("reason", "half \ud800 a pair"));
        assertNull(InputRules.violation("name", "emoji \ud83d\ude00"));
    }

    @Test
    void lengthsAreThoseOfTheTable() {
        assertNull(InputRules.violation("domain", "d".repeat(253)));
        assertEquals("must be at most 253 characters", InputRules.violation("domain", "d".repeat(254)));
        assertEquals("must be at most " + InputLimits.DEFAULT_TEXT + " characters",
                InputRules.violation("something_new", "x".repeat(InputLimits.DEFAULT_TEXT + 1)));
        assertEquals("must be at most 256 characters", InputRules.violation("keys[3]", "k".repeat(257)));
        assertEquals("must be at most 255 characters", InputRules.violation("items[2].device_id", "k".repeat(256)));
        ProblemException p = assertThrows(ProblemException.class, () -> InputRules.check("product", "p".repeat(65)));
        assertEquals("product", p.fieldErrors().get(0).field());
    }

    @Test
    void jsonBodiesAreCheckedWhileReadAndNameTheField() throws Exception {
        assertEquals("device_id", refused("{\"device_id\":\"a\\u0000b\"}").field());
        assertEquals("reason", refused("{\"reason\":\"" + "r".repeat(1001) + "\"}").field());
        assertEquals("keys[1]", refused("{\"keys\":[\"ok\",\"bad\\u0000\"]}").field());
        assertEquals("fingerprint.cpu", refused("{\"fingerprint\":{\"cpu\":\"x\\u0000\"}}").field());
        assertEquals("fingerprint.disks[1]", refused("{\"fingerprint\":{\"disks\":[\"a\",\"\\u0000\"]}}").field());
        assertEquals("fingerprint", refused("{\"fingerprint\":{\"a\\u0001\":1}}").field());
        assertEquals("fingerprint.blob", refused("{\"fingerprint\":{\"blob\":\"" + "b".repeat(3000) + "\"}}").field());
        StringBuilder many = new StringBuilder("{\"fingerprint\":{");
        for (int i = 0; i < 20; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"").append("b".repeat(1000)).append('"');
        }
        InputRefusedException big = refused(many.append("}}").toString());
        assertEquals("fingerprint", big.field());
        assertTrue(big.reason().contains("characters of JSON"), big.reason());

        Body ok = JSON.readValue("{\"device_id\":\"pc-42\",\"reason\":\"line\\nbreak\",\"keys\":[\"A\"],"
                + "\"fingerprint\":{\"cpu\":\"x\",\"n\":[1,2]},\"count\":3}", Body.class);
        assertEquals("pc-42", ok.deviceId());
        assertEquals(Map.of("cpu", "x", "n", List.of(1, 2)), ok.fingerprint());
    }
}
