package org.licensing.stats.aggregation;

import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The streams' backlog in the readiness details ({@code streams}: per partition, entries not yet
 * acknowledged by its slowest group, and which group), from the trimmer's last run. Always UP: a
 * backlog is work to catch up on, not a reason to take this instance out of service (that would
 * only slow the catching up); alert on the {@code stats.stream.backlog} metric instead.
 */
@Readiness
@ApplicationScoped
public class StreamBacklogCheck implements HealthCheck {

    private final StreamTrimmer trimmer;

    public StreamBacklogCheck(StreamTrimmer trimmer) {
        this.trimmer = trimmer;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("streams").up();
        long total = 0;
        for (PartitionBacklog p : new TreeMap<>(trimmer.lastBacklogs()).values()) {
            total += p.backlog();
            b.withData(p.streamKey(), p.backlog() + (p.slowestGroup().isEmpty() ? "" : " (" + p.slowestGroup() + ")"));
        }
        return b.withData("backlog", total).build();
    }
}
