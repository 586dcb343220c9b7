package org.licensing.license.security;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.EventTypes;
import org.licensing.common.outbox.Outbox;
import org.licensing.common.outbox.OutboxRelay;
import org.licensing.common.problem.ProblemException;
import org.licensing.license.accounts.Account;
import org.licensing.license.accounts.AccountService;
import org.licensing.license.auth.Base32;
import org.licensing.license.auth.Totp;
import org.licensing.license.licenses.KeyCipher;
import org.licensing.license.LicenseCodes;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Two-factor sign-in (TOTP): enrolment stores a new secret encrypted with the key-encryption key
 * (AES-256-GCM, {@link KeyCipher}); confirming with a first code turns it on and returns ten
 * single-use recovery codes, stored as SHA-256. A code is checked under a row lock and its time
 * step recorded, so the same code (or an older one) is refused the second time.
 */
@ApplicationScoped
public class TwoFactorService {

    public static final int RECOVERY_CODES = 10;

    private final Pool pool;
    private final KeyCipher cipher;
    private final SecureRandom random = new SecureRandom();
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final AccountMail mail;
    private final String issuer;

    public TwoFactorService(Pool pool, Outbox outbox, OutboxRelay relay, AccountMail mail,
            @ConfigProperty(name = "licensing.keys.encryption-key") String encryptionKey,
            @ConfigProperty(name = "licensing.auth.two-factor.issuer") String issuer) {
        this.pool = pool;
        this.outbox = outbox;
        this.relay = relay;
        this.mail = mail;
        this.cipher = new KeyCipher(encryptionKey, random);
        this.issuer = issuer;
    }

    public record Enrolment(String secret, String otpauthUri) {}

    public Uni<Enrolment> start(long accountId) {
        return pool.withTransaction(tx -> AccountService.byIdIn(tx, accountId).chain(a -> {
            if (a.twoFactorEnabled()) {
                return Uni.createFrom().<Enrolment>failure(ProblemException.conflict(LicenseCodes.TWO_FACTOR_ALREADY_ENABLED,
                        "Two-factor sign-in is already on; turn it off first"));
            }
            byte[] secret = Totp.newSecret(random);
            return tx.preparedQuery("UPDATE license.accounts SET two_factor_secret = $2, two_factor_last_step = NULL, updated_at = now()"
                    + " WHERE id = $1").execute(Tuple.of(accountId, cipher.encrypt(Base32.encode(secret))))
                    .replaceWith(new Enrolment(Base32.encode(secret), Totp.uri(issuer, a.username(), secret)));
        }));
    }

    /** Turns 2FA on with a first code and returns the recovery codes (shown once). */
    public Uni<List<String>> confirm(long accountId, String code, String ip) {
        return pool.withTransaction(tx -> lock(tx, accountId).chain(s -> {
            if (s.confirmed()) {
                return Uni.createFrom().<List<String>>failure(ProblemException.conflict(LicenseCodes.TWO_FACTOR_ALREADY_ENABLED, "Two-factor sign-in is already on"));
            }
            if (s.secret() == null) {
                return Uni.createFrom().<List<String>>failure(ProblemException.conflict(LicenseCodes.TWO_FACTOR_NOT_STARTED,
                        "Start the enrolment first: POST /api/v1/accounts/me/2fa"));
            }
            long step = Totp.acceptedStep(s.secret(), code, Instant.now(), s.lastStep());
            if (step < 0) {
                return Uni.createFrom().<List<String>>failure(invalidCode("code"));
            }
            List<String> codes = newRecoveryCodes();
            return tx.preparedQuery("UPDATE license.accounts SET two_factor_confirmed_at = now(), two_factor_last_step = $2,"
                    + " updated_at = now() WHERE id = $1").execute(Tuple.of(accountId, step))
                    .chain(() -> tx.preparedQuery("DELETE FROM license.two_factor_recovery_codes WHERE account_id = $1").execute(Tuple.of(accountId)))
                    .chain(() -> tx.preparedQuery("INSERT INTO license.two_factor_recovery_codes (account_id, code_hash) VALUES ($1, $2)")
                            .executeBatch(codes.stream().map(c -> Tuple.of(accountId, OneTimeTokens.hash(normalize(c)))).toList()))
                    .chain(() -> event(tx, EventTypes.ACCOUNT_2FA_ENABLED, accountId, accountId, ip))
                    .replaceWith(codes);
        })).invoke(relay::kick).call(x -> notice(accountId, "Two-factor sign-in was turned on", ip));
    }

    /** Turns 2FA off with a current code (or a recovery code). */
    public Uni<Void> disable(long accountId, String code, String recoveryCode, String ip) {
        return pool.withTransaction(tx -> lock(tx, accountId).chain(s -> {
            if (!s.confirmed()) {
                return Uni.createFrom().<Void>failure(ProblemException.conflict(LicenseCodes.TWO_FACTOR_NOT_ENABLED, "Two-factor sign-in is not on"));
            }
            return verify(tx, s, code, recoveryCode).chain(ok -> ok ? clear(tx, accountId)
                    .chain(() -> event(tx, EventTypes.ACCOUNT_2FA_DISABLED, accountId, accountId, ip))
                    : Uni.createFrom().failure(invalidCode(code != null ? "code" : "recovery_code")));
        })).invoke(relay::kick).call(() -> notice(accountId, "Two-factor sign-in was turned off", ip));
    }

    /** An admin's reset of someone's 2FA (lost phone and codes): event-logged with the admin as actor. */
    public Uni<Boolean> adminReset(long adminId, long accountId, String ip) {
        return pool.withTransaction(tx -> AccountService.byIdIn(tx, accountId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound(LicenseCodes.ACCOUNT_NOT_FOUND, "No account " + accountId))
                .chain(a -> clear(tx, accountId).chain(() -> outbox.append(tx, EventEnvelope.of(EventTypes.ACCOUNT_2FA_RESET).level("warn")
                        .account(accountId).actor(adminId).ip(ip).source(AccountService.SOURCE)
                        .data(Map.of("was_enabled", a.twoFactorEnabled())).build())).replaceWith(a.twoFactorEnabled())))
                .invoke(relay::kick);
    }

    /** The sign-in's second step: true when the code (or an unused recovery code) is accepted, under the row lock. */
    public Uni<Boolean> verifySignIn(long accountId, String code, String recoveryCode) {
        return pool.withTransaction(tx -> lock(tx, accountId).chain(s -> s.confirmed() ? verify(tx, s, code, recoveryCode)
                : Uni.createFrom().item(false)));
    }

    record State(long accountId, byte[] secret, boolean confirmed, Long lastStep) {}

    private Uni<State> lock(SqlClient tx, long accountId) {
        return tx.preparedQuery("SELECT two_factor_secret, two_factor_confirmed_at, two_factor_last_step FROM license.accounts"
                + " WHERE id = $1 FOR UPDATE").execute(Tuple.of(accountId)).map(rows -> {
                    Row r = rows.iterator().next();
                    String enc = r.getString("two_factor_secret");
                    return new State(accountId, enc == null ? null : Base32.decode(cipher.decrypt(enc)),
                            r.getValue("two_factor_confirmed_at") != null, r.getLong("two_factor_last_step"));
                });
    }

    private Uni<Boolean> verify(SqlClient tx, State s, String code, String recoveryCode) {
        if (code != null && !code.isBlank()) {
            long step = Totp.acceptedStep(s.secret(), code, Instant.now(), s.lastStep());
            if (step < 0) {
                return Uni.createFrom().item(false);
            }
            return tx.preparedQuery("UPDATE license.accounts SET two_factor_last_step = $2 WHERE id = $1")
                    .execute(Tuple.of(s.accountId(), step)).replaceWith(true);
        }
        if (recoveryCode != null && !recoveryCode.isBlank()) {
            return tx.preparedQuery("UPDATE license.two_factor_recovery_codes SET used_at = now() WHERE account_id = $1"
                    + " AND code_hash = $2 AND used_at IS NULL RETURNING id")
                    .execute(Tuple.of(s.accountId(), OneTimeTokens.hash(normalize(recoveryCode))))
                    .map(rows -> rows.iterator().hasNext());
        }
        return Uni.createFrom().item(false);
    }

    private Uni<Void> clear(SqlClient tx, long accountId) {
        return tx.preparedQuery("UPDATE license.accounts SET two_factor_secret = NULL, two_factor_confirmed_at = NULL,"
                + " two_factor_last_step = NULL, updated_at = now() WHERE id = $1").execute(Tuple.of(accountId))
                .chain(() -> tx.preparedQuery("DELETE FROM license.two_factor_recovery_codes WHERE account_id = $1").execute(Tuple.of(accountId)))
                .replaceWithVoid();
    }

    private Uni<Void> event(SqlClient tx, String type, long accountId, long actor, String ip) {
        return outbox.append(tx, EventEnvelope.of(type).account(accountId).actor(actor).ip(ip).source(AccountService.SOURCE)
                .data(Map.of()).build());
    }

    private Uni<Void> notice(long accountId, String what, String ip) {
        return AccountService.byIdIn(pool, accountId).chain((Account a) -> a == null ? Uni.createFrom().voidItem() : mail.notice(a, what, what, ip));
    }

    /** Ten codes of ten base32 characters (50 bits each), shown as xxxxx-xxxxx. */
    List<String> newRecoveryCodes() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            byte[] b = new byte[7];
            random.nextBytes(b);
            String c = Base32.encode(b).substring(0, 10).toLowerCase(Locale.ROOT);
            out.add(c.substring(0, 5) + "-" + c.substring(5));
        }
        return out;
    }

    static String normalize(String recoveryCode) {
        return recoveryCode.trim().toLowerCase(Locale.ROOT).replace("-", "").replace(" ", "");
    }

    /** 400 here (the caller's tokens are fine); the sign-in step answers 401 with the same code. */
    public static ProblemException invalidCode(String field) {
        return invalidCode(field, 400);
    }

    public static ProblemException invalidCode(String field, int status) {
        return new ProblemException(status, LicenseCodes.INVALID_TWO_FACTOR_CODE, "The " + field.replace('_', ' ')
                + " is wrong, expired or already used").withExtension("field", field);
    }
}
