package org.licensing.license.certificates;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** {@code license.certificates}: recorded at issue, listed, revoked (first revocation wins), looked up online. */
@ApplicationScoped
public class CertificateStore {

    /** Who asked for a certificate: a person (account id) or the application with the license key. */
    public record Issuer(String via, Long accountId) {
        public static final String ACCOUNT = "ACCOUNT";
        public static final String LICENSE_KEY = "LICENSE_KEY";

        public static Issuer account(long id) {
            return new Issuer(ACCOUNT, id);
        }

        public static Issuer licenseKey() {
            return new Issuer(LICENSE_KEY, null);
        }
    }

    /** Listing is bounded: a license's newest certificates first. */
    public static final int LIST_LIMIT = 500;

    private final Pool pool;

    public CertificateStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> record(UUID id, long licenseId, long deviceRowId, String deviceId, String hwidHash, String keyId,
            Instant issuedAt, Instant notAfter, Issuer issuer) {
        return pool.preparedQuery("INSERT INTO license.certificates (id, license_id, device_row_id, device_id, hwid_hash,"
                + " key_id, issued_at, not_after, issued_via, issued_by_account_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
                .execute(Tuple.from(List.of(id, licenseId, deviceRowId, deviceId, hwidHash, keyId, utc(issuedAt), utc(notAfter),
                        issuer.via())).addValue(issuer.accountId()))
                .replaceWithVoid();
    }

    public Uni<List<CertificateRecord>> list(long licenseId) {
        Instant now = Instant.now();
        return pool.preparedQuery("SELECT " + CertificateRecord.COLUMNS + " FROM license.certificates WHERE license_id = $1"
                + " ORDER BY seq DESC LIMIT " + LIST_LIMIT).execute(Tuple.of(licenseId)).map(rows -> {
                    List<CertificateRecord> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(CertificateRecord.from(r, now));
                    }
                    return out;
                });
    }

    /** The certificate of this license with this id, or a null item. */
    public Uni<CertificateRecord> find(long licenseId, UUID id) {
        return pool.preparedQuery("SELECT " + CertificateRecord.COLUMNS + " FROM license.certificates WHERE id = $1 AND license_id = $2")
                .execute(Tuple.of(id, licenseId))
                .map(rows -> rows.iterator().hasNext() ? CertificateRecord.from(rows.iterator().next(), Instant.now()) : null);
    }

    /** Revokes once (a second revocation keeps the first one's time, actor and reason); null item when unknown. */
    public Uni<CertificateRecord> revoke(long licenseId, UUID id, long byAccountId, String reason) {
        return pool.preparedQuery("UPDATE license.certificates SET revoked_at = COALESCE(revoked_at, now()),"
                + " revoked_by_account_id = CASE WHEN revoked_at IS NULL THEN $3 ELSE revoked_by_account_id END,"
                + " revoked_reason = CASE WHEN revoked_at IS NULL THEN $4 ELSE revoked_reason END"
                + " WHERE id = $1 AND license_id = $2 RETURNING " + CertificateRecord.COLUMNS)
                .execute(Tuple.of(id, licenseId, byAccountId, reason))
                .map(rows -> rows.iterator().hasNext() ? CertificateRecord.from(rows.iterator().next(), Instant.now()) : null);
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
