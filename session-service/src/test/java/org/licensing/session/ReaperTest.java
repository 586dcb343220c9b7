package org.licensing.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.licensing.common.redis.RedisKeys;
import org.licensing.session.sessions.Reaper;
import org.licensing.session.sessions.SessionCloser;
import org.licensing.session.sessions.SessionKeys;
import org.licensing.session.sessions.SessionLeases;
import org.licensing.session.support.Clients;
import org.licensing.session.support.Fixtures;
import org.licensing.session.support.ForeignSchemas;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;

@QuarkusTest
@QuarkusTestResource(ForeignSchemas.class)
class ReaperTest {

    @Inject
    Reaper reaper;
    @Inject
    SessionLeases leases;
    @Inject
    SessionCloser closer;

    @Test
    void sessionsWhoseHeartbeatsStoppedAreClosedExactlyOnceByConcurrentReapers() throws Throwable {
        Fixtures.License license = Fixtures.license(5);
        List<String> silent = new ArrayList<>();
        List<OffsetDateTime> startedAt = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Response r = Clients.start(license, Fixtures.device(license));
            silent.add(r.path("session_id"));
            startedAt.add(OffsetDateTime.parse(r.path("started_at")));
        }
        Fixtures.Device alive = Fixtures.device(license);
        Response aliveStart = Clients.start(license, alive);
        String aliveToken = aliveStart.path("token");
        String aliveId = aliveStart.path("session_id");

        // keep one session beating past the lease (interval 4 s + grace 2 s in tests) while the others fall silent
        long until = System.currentTimeMillis() + 7_000;
        while (System.currentTimeMillis() < until) {
            Clients.beat(aliveToken).then().statusCode(200).body("status", equalTo("ok"));
            Thread.sleep(1_500);
        }
        // two more reapers at the same moment, beside the scheduled one of this instance
        List<Integer> closed = VertxContextSupport.subscribeAndAwait(() -> Uni.join()
                .all(reaper.reapOnce(), reaper.reapOnce(), reaper.reapOnce()).andFailFast());
        assertTrue(closed.stream().mapToInt(Integer::intValue).sum() <= silent.size());

        for (int i = 0; i < silent.size(); i++) {
            String sid = silent.get(i);
            HeartbeatTest.awaitEnded(sid, "timeout");
            List<Object> row = Fixtures.query("SELECT ended_at, last_heartbeat_at, duration_seconds FROM session.client_sessions"
                    + " WHERE id = ?::uuid", sid).get(0);
            // ended at the last heartbeat (here: the start), not when the reaper noticed
            long endedMs = ((java.sql.Timestamp) row.get(0)).getTime();
            assertTrue(Math.abs(endedMs - startedAt.get(i).toInstant().toEpochMilli()) < 1_000, "ended at " + row.get(0));
            assertEquals(0, row.get(2));
            assertEquals(1, Fixtures.query("SELECT 1 FROM session.outbox WHERE event_type = 'session.ended' AND payload LIKE ?",
                    "%" + sid + "%").size(), "one session.ended event for " + sid);
        }
        assertNull(Fixtures.query("SELECT ended_at FROM session.client_sessions WHERE id = ?::uuid", aliveId).get(0).get(0));
        assertEquals(1L, Fixtures.redis().sortedSet(String.class).zcard(SessionKeys.seats(license.id())));
        assertEquals(aliveId, Fixtures.redis().value(String.class).get(RedisKeys.deviceOnline(license.id(), alive.id())));
        // the silent sessions answer expired if their clients come back
        Clients.signOut(aliveToken).then().statusCode(200);
    }

    @Test
    void aBeatRenewsTheLeaseInItsLicensesPartitionOnlyAndTheReaperEmptiesItsSeatFlagAndClosingSet() throws Throwable {
        Fixtures.License license = Fixtures.license(null);
        Fixtures.Device device = Fixtures.device(license);
        Response r = Clients.start(license, device);
        String sid = r.path("session_id");
        String partition = SessionKeys.leases(RedisKeys.sessionPartition(license.id()));
        String closing = SessionKeys.closing(RedisKeys.sessionPartition(license.id()));
        var zsets = Fixtures.redis().sortedSet(String.class);
        Clients.beat(r.path("token")).then().statusCode(200).body("status", equalTo("ok"));
        assertTrue(zsets.zscore(partition, sid).orElse(0) > System.currentTimeMillis());
        // the global sets of earlier builds are not written any more
        assertTrue(zsets.zscore("session:leases", sid).isEmpty(), "no global lease set is written");
        assertTrue(zsets.zscore("online:devices", Long.toString(device.id())).isEmpty(), "no global online set either");
        assertEquals(sid, Fixtures.redis().value(String.class).get(RedisKeys.deviceOnline(license.id(), device.id())));

        // it falls silent past the lease (interval 4 s + grace 2 s in tests): the reaper ends it
        Thread.sleep(6_500);
        VertxContextSupport.subscribeAndAwait(() -> reaper.reapOnce());
        HeartbeatTest.awaitEnded(sid, "timeout");
        assertTrue(zsets.zscore(partition, sid).isEmpty());
        assertEquals(0L, zsets.zcard(SessionKeys.seats(license.id())));
        assertNull(Fixtures.redis().value(String.class).get(RedisKeys.deviceOnline(license.id(), device.id())));
        // the entry leaves the closing set right after its commit (maybe on the scheduled reaper, still finishing)
        long until = System.currentTimeMillis() + 3_000;
        while (zsets.zrange(closing, 0, -1).stream().anyMatch(m -> m.startsWith(sid)) && System.currentTimeMillis() < until) {
            Thread.sleep(50);
        }
        assertTrue(zsets.zrange(closing, 0, -1).stream().noneMatch(m -> m.startsWith(sid)), "written, so no longer queued");
    }

    @Test
    void oneClosingEntryWrittenByTwoInstancesAtOnceClosesTheSessionOnce() throws Throwable {
        Fixtures.License license = Fixtures.license(null);
        String sid = Clients.start(license, Fixtures.device(license)).path("session_id");
        String member = VertxContextSupport.subscribeAndAwait(() -> leases.end(sid, license.id(), "signed_out"));
        List<SessionCloser.Closed> results = VertxContextSupport.subscribeAndAwait(() -> Uni.join()
                .all(closer.close(member), closer.close(member), closer.close(member)).andFailFast());
        assertEquals(1, results.stream().filter(SessionCloser.Closed::closedNow).count());
        assertEquals(1, Fixtures.query("SELECT 1 FROM session.outbox WHERE event_type = 'session.ended' AND payload LIKE ?",
                "%" + sid + "%").size());
        assertNull(VertxContextSupport.subscribeAndAwait(() -> leases.end(sid, license.id(), "signed_out")), "an ended session ends once");
    }
}
