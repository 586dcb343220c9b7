package org.licensing.license.accounts;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Lifts suspensions whose {@code suspended_until} has passed (Redis expires its flag by TTL at the same time). */
@ApplicationScoped
public class SuspensionExpiryJob {

    private static final Logger LOG = Logger.getLogger(SuspensionExpiryJob.class);

    private final AccountService accounts;
    private final int batch;

    public SuspensionExpiryJob(AccountService accounts,
            AccountsConfig config) {
        this.accounts = accounts;
        this.batch = config.suspensionLiftBatch();
    }

    @Scheduled(every = "${licensing.accounts.suspension-lift-every:60s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> liftEnded() {
        return accounts.liftEndedSuspensions(batch)
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("Lifted %d ended account suspensions", n);
                    }
                })
                .onFailure().invoke(f -> LOG.warnf("Lifting ended suspensions failed: %s", f.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
