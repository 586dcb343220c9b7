package org.licensing.stats.eventlog;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Keeps the monthly partitions of {@code stats.event_log}: creates the current month and a few ahead,
 * detaches and drops those past retention. Runs at start-up and every few hours; several instances may run
 * it, a transaction-scoped advisory lock lets one do the work. The aggregation also creates a missing month
 * on demand ({@link #ensure}) so an event is never refused for want of a partition.
 */
@ApplicationScoped
public class EventLogPartitions {

    private static final Logger LOG = Logger.getLogger(EventLogPartitions.class);
    private static final String LIST_SQL = "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            + "JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace n ON n.oid = p.relnamespace "
            + "WHERE n.nspname = 'stats' AND p.relname = 'event_log'";

    private final Pool pool;
    private final EventLogConfig config;
    private final Clock clock = Clock.systemUTC();
    private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();

    public EventLogPartitions(Pool pool, EventLogConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** What one maintenance run did. */
    public record Maintenance(List<YearMonth> created, List<YearMonth> dropped, boolean ran) {}

    void onStart(@Observes StartupEvent ev) {
        maintain().subscribe().with(m -> { }, f -> LOG.warnf("Event log partition maintenance failed: %s", f.getMessage()));
    }

    @Scheduled(every = "${licensing.stats.event-log.maintain-every:6h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledMaintenance() {
        return maintain().replaceWithVoid()
                .onFailure().invoke(f -> LOG.warnf("Event log partition maintenance failed: %s", f.getMessage()))
                .onFailure().recoverWithNull();
    }

    public Uni<Maintenance> maintain() {
        return maintain(YearMonth.now(clock.withZone(ZoneOffset.UTC)));
    }

    /** One maintenance run as if the current UTC month were {@code current}. */
    public Uni<Maintenance> maintain(YearMonth current) {
        return pool.withTransaction(tx -> tx.query("SELECT pg_try_advisory_xact_lock(hashtext('stats.event_log.partitions'))")
                .execute().chain(lock -> {
                    if (!lock.iterator().next().getBoolean(0)) {
                        return Uni.createFrom().item(new Maintenance(List.of(), List.of(), false));
                    }
                    return existing(tx).chain(existing -> {
                        List<YearMonth> create = MonthlyPartitions.toCreate(current, config.monthsAhead(), existing);
                        List<YearMonth> drop = MonthlyPartitions.toDrop(current, config.retentionMonths(), existing);
                        List<String> ddl = new ArrayList<>();
                        create.forEach(m -> ddl.add(createSql(m)));
                        for (YearMonth m : drop) {
                            ddl.add("ALTER TABLE stats.event_log DETACH PARTITION stats." + MonthlyPartitions.name(m));
                            ddl.add("DROP TABLE stats." + MonthlyPartitions.name(m));
                        }
                        return run(tx, ddl).invoke(() -> {
                            known.clear();
                            known.addAll(existing);
                            known.addAll(create);
                            drop.forEach(known::remove);
                            if (!create.isEmpty() || !drop.isEmpty()) {
                                LOG.infof("Event log partitions: created %s, dropped %s", create, drop);
                            }
                        }).replaceWith(new Maintenance(create, drop, true));
                    });
                }));
    }

    public Uni<Set<YearMonth>> existing(SqlClient client) {
        return client.query(LIST_SQL).execute().map(rows -> {
            Set<YearMonth> out = new TreeSet<>();
            for (Row r : rows) {
                MonthlyPartitions.parse(r.getString(0)).ifPresent(out::add);
            }
            return out;
        });
    }

    /** Drops the cache of existing months; the next {@link #ensure} reads them from the catalog again. */
    public void forget() {
        known.clear();
    }

    /** The oldest month whose events are still stored. */
    public YearMonth oldestKept() {
        return MonthlyPartitions.oldestKept(YearMonth.now(clock.withZone(ZoneOffset.UTC)), config.retentionMonths());
    }

    /** Creates the missing partitions among {@code months} inside the caller's transaction. */
    public Uni<Void> ensure(SqlClient tx, Collection<YearMonth> months) {
        List<String> ddl = new ArrayList<>();
        List<YearMonth> missing = months.stream().filter(m -> !known.contains(m)).distinct().toList();
        if (missing.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return existing(tx).chain(existing -> {
            known.addAll(existing);
            for (YearMonth m : missing) {
                if (!existing.contains(m)) {
                    ddl.add(createSql(m));
                }
            }
            return run(tx, ddl).invoke(() -> known.addAll(missing));
        });
    }

    private static String createSql(YearMonth m) {
        return "CREATE TABLE IF NOT EXISTS stats." + MonthlyPartitions.name(m) + " PARTITION OF stats.event_log FOR VALUES FROM ('"
                + MonthlyPartitions.start(m) + "') TO ('" + MonthlyPartitions.end(m) + "')";
    }

    private static Uni<Void> run(SqlClient tx, List<String> statements) {
        return Multi.createFrom().iterable(statements)
                .onItem().transformToUniAndConcatenate(sql -> tx.query(sql).execute())
                .collect().last().replaceWithVoid();
    }
}
