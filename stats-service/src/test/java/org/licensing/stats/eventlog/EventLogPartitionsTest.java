package org.licensing.stats.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
class EventLogPartitionsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    EventLogPartitions partitions;
    @Inject
    Pool pool;

    private Set<YearMonth> existing() {
        return partitions.existing(pool).await().atMost(WAIT);
    }

    @Test
    void createsAheadAndDropsPartitionsPastRetention() {
        YearMonth old = YearMonth.of(2020, 1);
        pool.query("CREATE TABLE IF NOT EXISTS stats." + MonthlyPartitions.name(old) + " PARTITION OF stats.event_log "
                + "FOR VALUES FROM ('2020-01-01T00:00:00Z') TO ('2020-02-01T00:00:00Z')").execute().await().atMost(WAIT);
        pool.query("INSERT INTO stats.event_log (id, type, created_at) VALUES (gen_random_uuid()::text, 'license.validated', "
                + "'2020-01-15T10:00:00Z')").execute().await().atMost(WAIT);
        assertTrue(existing().contains(old));

        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        EventLogPartitions.Maintenance m = partitions.maintain(now).await().atMost(WAIT);
        assertTrue(m.ran());
        assertTrue(m.dropped().contains(old));

        Set<YearMonth> after = existing();
        assertFalse(after.contains(old), "the 2020 partition is past the six months and is gone");
        for (int i = 0; i <= 3; i++) {
            assertTrue(after.contains(now.plusMonths(i)), "month " + now.plusMonths(i) + " exists ahead of time");
        }
        assertEquals(0L, pool.query("SELECT count(*) FROM stats.event_log WHERE created_at < '2020-02-01'").execute()
                .await().atMost(WAIT).iterator().next().getLong(0));
        assertTrue(pool.query("SELECT to_regclass('stats." + MonthlyPartitions.name(old) + "') IS NULL").execute()
                .await().atMost(WAIT).iterator().next().getBoolean(0), "detached and dropped, not only detached");

        // A second run has nothing left to do.
        EventLogPartitions.Maintenance again = partitions.maintain(now).await().atMost(WAIT);
        assertTrue(again.created().isEmpty() && again.dropped().isEmpty());
    }
}
