package org.licensing.session.sessions;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Closes sessions whose heartbeats stopped (no beat for interval + grace): the reap script moves
 * each ran-out lease, atomically, to the closing set with its last heartbeat as end time and reason
 * {@code timeout}; the closer then writes them (conditional UPDATE + event). Safe with any number of
 * instances: Redis hands each lease to one reaper, PostgreSQL closes each row once.
 */
@ApplicationScoped
public class Reaper {

    private static final Logger LOG = Logger.getLogger(Reaper.class);

    private final SessionLeases leases;
    private final SessionCloser closer;

    public Reaper(SessionLeases leases, SessionCloser closer) {
        this.leases = leases;
        this.closer = closer;
    }

    @Scheduled(every = "${licensing.session.reaper-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return reapOnce().replaceWithVoid()
                .onFailure().invoke(f -> LOG.warnf("Session reaper failed, will retry: %s", f.getMessage()))
                .onFailure().recoverWithNull();
    }

    /**
     * One pass over every session partition (one call for all on standalone Redis, one per partition on a
     * cluster): reap ran-out leases, then write the pending ends; returns how many sessions it closed in PostgreSQL.
     */
    public Uni<Integer> reapOnce() {
        return Multi.createFrom().iterable(leases.partitionGroups())
                .onItem().transformToUni(this::sweep).merge(SessionLeases.CONCURRENCY)
                .collect().with(Collectors.summingInt(Integer::intValue));
    }

    /** Sweeps some partitions and writes what is pending there, again while a full batch closed something. */
    private Uni<Integer> sweep(List<Integer> partitions) {
        return leases.sweep(partitions).chain(swept -> closer.closeAll(swept.closing()).chain(n ->
                swept.closing().size() < closer.batch() || n == 0 ? Uni.createFrom().item(n)
                        : sweep(partitions).map(more -> n + more)));
    }
}
