package org.licensing.session.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.licensing.common.auth.TokenClaims;
import org.licensing.common.keys.LicenseKeyFormat;
import org.licensing.common.redis.RedisKeys;
import org.licensing.session.sessions.SessionKeys;

import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.jwt.build.Jwt;

/**
 * Test data in the foreign schemas (rows as license-service and device-service would write them)
 * and the Redis flags those services push. Everything is unique per call, so tests run twice in a
 * row on the same database and Redis.
 */
public final class Fixtures {

    public static final String HASH_SECRET = "test-hash-secret";

    private Fixtures() {}

    public record License(long id, String key, String keyHash, long sellerId, long ownerId) {}

    public record Device(long id, long licenseId, String clientDeviceId) {}

    public static Connection db() throws SQLException {
        return DriverManager.getConnection(org.licensing.common.testing.TestInfra.JDBC_URL, "licensing", "licensing");
    }

    public static long account(String role) {
        String u = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 18);
        return insertId("INSERT INTO license.accounts (username, email, password_hash, role) VALUES (?, ?, 'x', ?) RETURNING id",
                u, u + "@test.local", role);
    }

    /** An ACTIVE license with the given seat limit (null = unlimited) and expiry (null = never). */
    public static License license(Integer maxSessions, Instant expiresAt, String status) {
        long seller = account("SELLER");
        long owner = account("CUSTOMER");
        long product = insertId("INSERT INTO license.products (seller_id, code, name) VALUES (?, ?, 'Test product') RETURNING id",
                seller, "P" + UUID.randomUUID().toString().substring(0, 8));
        String key = "sess-" + UUID.randomUUID();
        String hash = hash(key);
        long id;
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO license.licenses (key_hash, key_encrypted, key_scheme, key_hint, product_id, seller_id,"
                        + " owner_account_id, status, max_devices, max_sessions, expires_at, activated_at)"
                        + " VALUES (?, 'x', 'OPAQUE', ?, ?, ?, ?, ?, 10, ?, ?, now()) RETURNING id")) {
            ps.setString(1, hash);
            ps.setString(2, key.substring(key.length() - 4));
            ps.setLong(3, product);
            ps.setLong(4, seller);
            ps.setLong(5, owner);
            ps.setString(6, status);
            ps.setObject(7, maxSessions);
            ps.setTimestamp(8, expiresAt == null ? null : Timestamp.from(expiresAt));
            id = single(ps);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        // a previous run on a recreated database may have left keys for the same id in Redis
        redis().key().del(RedisKeys.licenseSnapshot(id), RedisKeys.licenseStatus(id), RedisKeys.licenseByKeyHash(hash),
                SessionKeys.seats(id));
        return new License(id, key, hash, seller, owner);
    }

    public static License license(Integer maxSessions) {
        return license(maxSessions, null, "ACTIVE");
    }

    public static Device device(License license) {
        return device(license, true, false);
    }

    public static Device device(License license, boolean bound, boolean blocked) {
        String clientId = "dev-" + UUID.randomUUID();
        long id = insertId("INSERT INTO device.devices (license_id, account_id, device_id, bound, blocked, bound_at)"
                + " VALUES (?, ?, ?, ?, ?, now()) RETURNING id", license.id(), license.ownerId(), clientId, bound, blocked);
        redis().key().del(RedisKeys.deviceBlocked(id), RedisKeys.deviceOnline(license.id(), id),
                SessionKeys.legacySession(license.id(), id), SessionKeys.heartbeatRate(license.id(), id));
        return new Device(id, license.id(), clientId);
    }

    /** What license-service and device-service keep in Redis for a bound device (the legacy path reads it). */
    public static void publishLookups(License license, Device device) {
        RedisDataSource r = redis();
        r.value(String.class).set(RedisKeys.licenseByKeyHash(license.keyHash()), Long.toString(license.id()));
        r.value(String.class).set(RedisKeys.deviceLookup(license.id(), device.clientDeviceId()), Long.toString(device.id()));
    }

    public static String hash(String key) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(HASH_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(LicenseKeyFormat.normalize(key)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String token(long accountId, String role) {
        return org.licensing.common.testing.TestTokens.sign(org.licensing.common.tokens.TokenKind.ACCESS, Jwt.subject(Long.toString(accountId)).groups(Set.of(role)));
    }

    public static RedisDataSource redis() {
        return io.quarkus.arc.Arc.container().instance(RedisDataSource.class).get();
    }

    public static List<List<Object>> query(String sql, Object... args) {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<List<Object>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getObject(i));
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long insertId(String sql, Object... args) {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return single(ps);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long single(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
