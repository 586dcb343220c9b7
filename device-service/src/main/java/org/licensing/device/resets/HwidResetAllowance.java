package org.licensing.device.resets;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.problem.ProblemException;
import org.licensing.device.DeviceCodes;
import org.licensing.device.DeviceConfig;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;

import static org.licensing.device.Sql.args;

/**
 * Charges one self-service reset to an account inside the caller's transaction: locks the account's
 * counter row (created on first use), applies {@link HwidResetPolicy}, stores the new counters, or
 * fails with 429 and when the next reset is allowed (which rolls the whole reset back).
 */
@ApplicationScoped
public class HwidResetAllowance {

    static final String LOCK = "INSERT INTO device.hwid_resets (account_id) VALUES ($1)"
            + " ON CONFLICT (account_id) DO UPDATE SET updated_at = now()"
            + " RETURNING hwid_reset_count, period_started_at, hwid_last_reset_at";
    static final String STORE = "UPDATE device.hwid_resets SET hwid_reset_count = $2, period_started_at = $3,"
            + " hwid_last_reset_at = $4, total_resets = total_resets + 1, updated_at = now() WHERE account_id = $1";

    private final HwidResetPolicy policy;

    public HwidResetAllowance(DeviceConfig config) {
        this.policy = new HwidResetPolicy(config.hwidReset().maxPerPeriod(), config.hwidReset().period(),
                config.hwidReset().cooldown());
    }

    public Uni<HwidResetPolicy.Allowed> charge(SqlConnection tx, long accountId) {
        Instant now = Instant.now();
        return tx.preparedQuery(LOCK).execute(args(accountId)).chain(rows -> {
            Row r = rows.iterator().next();
            HwidResetPolicy.State state = new HwidResetPolicy.State(r.getInteger("hwid_reset_count"),
                    instant(r.getOffsetDateTime("period_started_at")), instant(r.getOffsetDateTime("hwid_last_reset_at")));
            HwidResetPolicy.Verdict verdict = policy.decide(state, now);
            if (verdict instanceof HwidResetPolicy.Refused refused) {
                return Uni.createFrom().failure(refusal(refused, now));
            }
            HwidResetPolicy.Allowed allowed = (HwidResetPolicy.Allowed) verdict;
            HwidResetPolicy.State s = allowed.after();
            return tx.preparedQuery(STORE).execute(args(accountId, s.count(), utc(s.periodStartedAt()), utc(s.lastResetAt())))
                    .replaceWith(allowed);
        });
    }

    /** What the account has left right now, without charging anything (for the customer portal). */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Standing(boolean limited, int resetsPerPeriod, int resetsUsed, int resetsRemaining, Instant periodEndsAt,
            Instant nextResetAt, long totalResets) {}

    static final String READ = "SELECT hwid_reset_count, period_started_at, hwid_last_reset_at, total_resets"
            + " FROM device.hwid_resets WHERE account_id = $1";

    /** @param limited false for sellers and admins: their resets are never refused, so no next time is given */
    public Uni<Standing> standing(io.vertx.mutiny.sqlclient.Pool pool, long accountId, boolean limited) {
        Instant now = Instant.now();
        return pool.preparedQuery(READ).execute(args(accountId)).map(rows -> {
            HwidResetPolicy.State state = HwidResetPolicy.State.NEVER;
            long total = 0;
            if (rows.iterator().hasNext()) {
                Row r = rows.iterator().next();
                state = new HwidResetPolicy.State(r.getInteger("hwid_reset_count"), instant(r.getOffsetDateTime("period_started_at")),
                        instant(r.getOffsetDateTime("hwid_last_reset_at")));
                total = r.getLong("total_resets");
            }
            Standing st = standing(policy, state, now, total);
            return limited ? st : new Standing(false, st.resetsPerPeriod(), st.resetsUsed(), st.resetsRemaining(), st.periodEndsAt(),
                    null, st.totalResets());
        });
    }

    static Standing standing(HwidResetPolicy policy, HwidResetPolicy.State state, Instant now, long total) {
        boolean over = state.periodStartedAt() == null || !now.isBefore(state.periodStartedAt().plus(policy.period()));
        int used = over ? 0 : state.count();
        Instant periodEnd = over ? null : state.periodStartedAt().plus(policy.period());
        Instant next = policy.decide(state, now) instanceof HwidResetPolicy.Refused r ? r.nextAllowedAt() : null;
        return new Standing(true, policy.maxPerPeriod(), used, Math.max(0, policy.maxPerPeriod() - used), periodEnd, next, total);
    }

    public int maxPerPeriod() {
        return policy.maxPerPeriod();
    }

    static ProblemException refusal(HwidResetPolicy.Refused r, Instant now) {
        long retry = r.retryAfterSeconds(now);
        String detail = r.reason() == HwidResetPolicy.Reason.COOLDOWN
                ? "Device bindings were reset recently; the next reset is allowed at " + r.nextAllowedAt()
                : "No device binding resets left in this period; the next reset is allowed at " + r.nextAllowedAt();
        return new ProblemException(429, r.reason() == HwidResetPolicy.Reason.COOLDOWN ? DeviceCodes.HWID_RESET_COOLDOWN
                : DeviceCodes.HWID_RESET_LIMIT_REACHED, detail)
                .withExtension("next_reset_at", r.nextAllowedAt().toString())
                .withExtension("retry_after_seconds", retry)
                .withHeader("Retry-After", Long.toString(retry));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
