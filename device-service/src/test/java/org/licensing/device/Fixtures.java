package org.licensing.device;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import org.licensing.common.keys.LicenseKeyFormat;
import org.licensing.common.keys.LicenseKeyHasher;
import org.licensing.common.testing.ForeignSchema;

import io.smallrye.jwt.build.Jwt;

/**
 * Test data in the license schema (owned by license-service; created here from its own migrations)
 * and tokens. Every call makes fresh accounts and keys, so tests can run twice on one database.
 */
public final class Fixtures {

    public static final String URL = org.licensing.common.testing.TestInfra.JDBC_URL;
    private static final LicenseKeyHasher HASHER = new LicenseKeyHasher("test-hash-secret", "test-checksum-secret");

    static {
        ForeignSchema.migrate("license");
        ForeignSchema.migrate("stats");
    }

    private Fixtures() {}

    public record Tenant(long sellerId, long customerId, long productId, String productCode) {}

    public record License(long id, String key, Tenant tenant) {}

    public static Connection db() throws SQLException {
        return DriverManager.getConnection(URL, "licensing", "licensing");
    }

    public static long account(String role) {
        String u = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 18);
        return insertId("INSERT INTO license.accounts (username, email, password_hash, role, seller_name) VALUES (?, ?, 'x', ?, ?) RETURNING id",
                u, u + "@example.test", role, "SELLER".equals(role) ? "S" + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toUpperCase() : null);
    }

    public static Tenant tenant() {
        long seller = account("SELLER");
        long customer = account("CUSTOMER");
        String code = "APP" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        long product = insertId("INSERT INTO license.products (seller_id, code, name) VALUES (?, ?, 'Test app') RETURNING id",
                seller, code, null, null);
        return new Tenant(seller, customer, product, code);
    }

    public static License license(int maxDevices) {
        return license(tenant(), maxDevices, "ACTIVE", null);
    }

    public static License license(Tenant t, int maxDevices, String status, Instant expiresAt) {
        String key = "TEST-" + UUID.randomUUID();
        String hash = HASHER.hash(LicenseKeyFormat.parse(key, "test-checksum-secret"));
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO license.licenses (key_hash, key_encrypted, key_scheme, key_hint, product_id, seller_id, owner_account_id,"
                        + " status, max_devices, expires_at) VALUES (?, 'enc', 'OPAQUE', ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, hash);
            ps.setString(2, key.substring(key.length() - 4));
            ps.setLong(3, t.productId());
            ps.setLong(4, t.sellerId());
            ps.setLong(5, t.customerId());
            ps.setString(6, status);
            ps.setInt(7, maxDevices);
            ps.setObject(8, expiresAt == null ? null : java.sql.Timestamp.from(expiresAt));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new License(rs.getLong(1), key, t);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String token(long accountId, String role) {
        return org.licensing.common.testing.TestTokens.sign(org.licensing.common.tokens.TokenKind.ACCESS, Jwt.subject(Long.toString(accountId)).groups(role));
    }

    public static long scalarLong(String sql, Object... args) {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String scalarString(String sql, Object... args) {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int update(String sql, Object... args) {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many outbox events of a type this device row has. */
    public static long events(String type, long deviceRowId) {
        return scalarLong("SELECT count(*) FROM device.outbox WHERE event_type = ? AND payload::jsonb ->> 'device_id' = ?",
                type, Long.toString(deviceRowId));
    }

    public static String lastEvent(String type, long deviceRowId) {
        return scalarString("SELECT payload FROM device.outbox WHERE event_type = ? AND payload::jsonb ->> 'device_id' = ?"
                + " ORDER BY id DESC LIMIT 1", type, Long.toString(deviceRowId));
    }

    private static long insertId(String sql, Object a, Object b, Object c3, Object d) {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(sql)) {
            Object[] args = { a, b, c3, d };
            int n = (int) sql.chars().filter(ch -> ch == '?').count();
            for (int i = 0; i < n; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
