package org.licensing.common.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.licensing.common.problem.ProblemException;

class RequestLineRulesTest {

    private static String field(String uri) {
        ProblemException p = RequestLineRules.refusal(uri);
        assertNotNull(p, uri + " must be refused");
        assertEquals(400, p.status());
        return p.fieldErrors().get(0).field();
    }

    @Test
    void ordinaryRequestLinesPass() {
        assertNull(RequestLineRules.refusal("/api/v1/sessions/heartbeat"));
        assertNull(RequestLineRules.refusal("/api/v1/events?license_id=1&limit=50&type=device.bound"));
        assertNull(RequestLineRules.refusal("/api/v1/accounts?q=J%C3%BCrgen+M%C3%BCller"));
        assertNull(RequestLineRules.refusal("/api/v1/licenses?"));
        assertNull(RequestLineRules.refusal("/api/v1/licenses?flag&&x="));
    }

    @Test
    void nulInTheQueryNamesTheParameter() {
        assertEquals("type", field("/api/v1/events?type=%00"));
        assertEquals("device_id", field("/api/v1/events?limit=5&device_id=ab%00cd"));
    }

    @Test
    void nulOrControlCharactersInThePathAreRefused() {
        assertEquals("path", field("/api/v1/licenses/%00"));
        assertEquals("path", field("/api/v1/devices/pc%0A42"));
    }

    @Test
    void badPercentEncodingIsRefusedNotGuessed() {
        assertEquals("license_key", field("/x?license_key=%ZZ%&device_id=1"));
        assertEquals("device_id", field("/x?device_id=%E0%A4%A"));
        assertEquals("device_id", field("/x?device_id=%E0%A4"));      // truncated UTF-8 sequence
        assertEquals("path", field("/api/v1/licenses/%G1"));
        assertEquals("query", field("/x?%ZZ=1"));
    }

    @Test
    void controlCharactersInIdentifiersButNotTabsInText() {
        assertEquals("device_id", field("/x?device_id=a%09b"));
        assertNull(RequestLineRules.refusal("/x?note=line%0Aline%09tab"));
        assertEquals("note", field("/x?note=esc%1B%5B31m"));
    }

    @Test
    void lengthsComeFromInputLimits() {
        assertNull(RequestLineRules.refusal("/x?domain=" + "a".repeat(253)));
        assertEquals("domain", field("/x?domain=" + "a".repeat(254)));
        assertEquals("path", field("/api/v1/licenses/" + "1".repeat(InputLimits.PATH_SEGMENT + 1)));
    }
}
