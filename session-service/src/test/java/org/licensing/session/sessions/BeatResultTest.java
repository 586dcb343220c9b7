package org.licensing.session.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.licensing.common.events.HeartbeatEntry;
import org.licensing.common.redis.LuaScript;

/** The heartbeat script's reply positions, read in one place; and its stream entry's field names. */
class BeatResultTest {

    @Test
    void readsEveryReplyShape() {
        BeatResult ok = BeatResult.of(List.of("ok", "30", "120"));
        assertEquals(BeatResult.Outcome.OK, ok.outcome());
        assertEquals(30, ok.credited());
        assertEquals(120, ok.usage());

        assertEquals(1500, BeatResult.of(List.of("rate", "1500")).retryMillis());
        assertEquals(BeatResult.Outcome.ADDRESS_BLOCKED, BeatResult.of(List.of("ipblocked", "9000")).outcome());
        assertEquals(BeatResult.Outcome.ADDRESS_RATE_LIMITED, BeatResult.of(List.of("iprate", "10")).outcome());

        BeatResult ended = BeatResult.of(List.of("ended", "s1", "blocked", "fraud"));
        assertEquals("s1", ended.sessionId());
        assertEquals("blocked", ended.reason());
        assertEquals("fraud", ended.detail());
        assertNull(BeatResult.of(List.of("ended", "s1", "timeout")).detail());

        assertEquals("s2", BeatResult.of(List.of("gone", "s2")).sessionId());
        assertEquals(BeatResult.Outcome.NO_LICENSE, BeatResult.of(List.of("nolicense")).outcome());
        assertEquals(7, BeatResult.of(List.of("nodevice", "7")).licenseId());
        BeatResult noSession = BeatResult.of(List.of("nosession", "7", "8"));
        assertEquals(BeatResult.Outcome.NO_SESSION, noSession.outcome());
        assertEquals(7, noSession.licenseId());
        assertEquals(8, noSession.deviceId());
        assertEquals(BeatResult.Outcome.UNKNOWN, BeatResult.of(List.of("what")).outcome());
    }

    @Test
    void theHeartbeatEntryCarriesEveryContractFieldAndIsNeverCapped() {
        String script = LuaScript.resource("redis/session/heartbeat.lua");
        // one field list, appended by the script (standalone) or returned for the caller's XADD (a cluster)
        int start = script.indexOf("local entry = {");
        String entry = script.substring(start, script.indexOf("}", start));
        String xadd = script.substring(script.indexOf("redis.call('XADD'"));
        xadd = xadd.substring(0, xadd.indexOf('\n'));
        assertTrue(xadd.contains("unpack(entry)"), xadd);
        assertTrue(script.contains("return {'ok', credited, usage, f[10], unpack(entry)}"), "the cluster mode returns the same fields");
        for (String field : Arrays.asList(HeartbeatEntry.V, HeartbeatEntry.ID, HeartbeatEntry.SESSION_ID,
                HeartbeatEntry.LICENSE_ID, HeartbeatEntry.ACCOUNT_ID, HeartbeatEntry.DEVICE_ID, HeartbeatEntry.TS,
                HeartbeatEntry.SECONDS, HeartbeatEntry.SERVER)) {
            assertTrue(entry.contains("'" + field + "', "), () -> "heartbeat entry lacks " + field + ": " + entry);
        }
        assertFalse(xadd.contains("MAXLEN"), "only the consumer side trims");
    }
}
