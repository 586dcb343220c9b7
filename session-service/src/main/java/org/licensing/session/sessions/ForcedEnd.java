package org.licensing.session.sessions;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.problem.ProblemException;
import org.licensing.session.access.AccessGuard;
import org.licensing.common.auth.Caller;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A seller (or an admin) ends a client's session on their license, to free a floating seat. It ends
 * exactly as a sign-out does — the live state goes in the end script, the row is written and the token
 * blacklisted by {@link SessionCloser} — so the client's next heartbeat answers as for any ended session,
 * with the reason {@value #BY_SELLER} or {@value #BY_ADMIN} (kept in the row and the session.ended event).
 */
@ApplicationScoped
public class ForcedEnd {

    public static final String BY_SELLER = "ended_by_seller";
    public static final String BY_ADMIN = "ended_by_admin";
    static final String LICENSE_OF = "SELECT license_id FROM session.client_sessions WHERE id = $1";

    private final Pool pool;
    private final AccessGuard guard;
    private final SessionLeases leases;
    private final SessionCloser closer;

    public ForcedEnd(Pool pool, AccessGuard guard, SessionLeases leases, SessionCloser closer) {
        this.pool = pool;
        this.guard = guard;
        this.leases = leases;
        this.closer = closer;
    }

    /**
     * 1. the session's license (404 when unknown); 2. the caller manages it (the same 404 otherwise, so ids
     * cannot be probed); 3. end the live state (409 when it had ended already); 4. write it, revoke its token.
     */
    public Uni<SessionEnded> end(Caller caller, UUID sessionId) {
        String sid = sessionId.toString();
        return pool.preparedQuery(LICENSE_OF).execute(Tuple.of(sessionId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ProblemException.notFound(SessionProblems.SESSION_NOT_FOUND, "No session " + sid);
                    }
                    return rows.iterator().next().getLong("license_id");
                })
                .chain(licenseId -> guard.license(caller, licenseId)
                        .onFailure(ProblemException.class).transform(
                                f -> ProblemException.notFound(SessionProblems.SESSION_NOT_FOUND, "No session " + sid)))
                .chain(license -> leases.end(sid, license.id(), caller.isAdmin() ? BY_ADMIN : BY_SELLER))
                .chain(member -> {
                    if (member == null) {
                        return Uni.createFrom().failure(ProblemException.conflict(SessionProblems.SESSION_ENDED,
                                "This session has already ended"));
                    }
                    return closer.close(member).map(c -> new SessionEnded(sid, c.entry().reason(), c.endedAt(),
                            c.durationSeconds(), c.entry().usageSeconds()));
                });
    }
}
