package org.licensing.license.validation;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.licensing.common.auth.TokenClaims;
import org.licensing.common.keys.LicenseKeyFormat;
import org.licensing.common.keys.LicenseKeyHasher;
import org.licensing.common.testing.ForeignSchema;

import io.smallrye.jwt.build.Jwt;

/**
 * Test data for license-B's tests, written with plain JDBC into the fixed V2 tables (the
 * accounts/licenses code of part 1 is not used on purpose) and into device-service's table.
 * Every name and key is random, so the tests pass when run twice on the same database.
 */
public final class Fixtures {

    public static final String JDBC = org.licensing.common.testing.TestInfra.JDBC_URL;
    public static final LicenseKeyHasher HASHER = new LicenseKeyHasher("test-hash-secret", "test-checksum-secret");

    static {
        ForeignSchema.migrate("device");
    }

    private Fixtures() {}

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(JDBC, "licensing", "licensing");
    }

    public static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static long account(String role) {
        String u = "lb" + unique();
        return insertId("INSERT INTO license.accounts (username, email, password_hash, role, seller_name) VALUES (?, ?, 'x', ?, ?) RETURNING id",
                u, u + "@example.test", role, "SELLER".equals(role) ? u.toUpperCase() : null);
    }

    public static String emailOf(long accountId) {
        return queryString("SELECT email FROM license.accounts WHERE id = ?", accountId);
    }

    public static long product(long sellerId, String code) {
        return insertId("INSERT INTO license.products (seller_id, code, name) VALUES (?, ?, ?) RETURNING id", sellerId, code,
                "Product " + code);
    }

    /** A random opaque key (the dot keeps it out of the segmented and checksummed shapes). */
    public static String newKey() {
        return "lb." + UUID.randomUUID().toString().replace("-", "");
    }

    public static String keyHash(String key) {
        return HASHER.hash(LicenseKeyFormat.parse(key, "test-checksum-secret"));
    }

    /** A license row; JSON arguments are literal JSON text. */
    public static long license(String key, long productId, long sellerId, Long ownerId, String status, Instant expiresAt,
            String usageLimits, String domains, String ips, int maxDevices) {
        return insertId("INSERT INTO license.licenses (key_hash, key_encrypted, key_scheme, key_hint, product_id, seller_id,"
                + " owner_account_id, status, expires_at, usage_limits, domain_restrictions, ip_restrictions, max_devices,"
                + " activated_at) VALUES (?, 'test-fixture', 'OPAQUE', ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, now()) RETURNING id",
                keyHash(key), key.substring(key.length() - 4), productId, sellerId, ownerId, status,
                expiresAt == null ? null : Timestamp.from(expiresAt), usageLimits, domains, ips, maxDevices);
    }

    /** A fresh seller, product and ACTIVE license with the given restrictions. */
    public static Scenario scenario(String usageLimits, String domains, String ips, int maxDevices, Instant expiresAt) {
        long seller = account("SELLER");
        long owner = account("CUSTOMER");
        String code = "P" + unique().substring(0, 8).toUpperCase();
        long product = product(seller, code);
        String key = newKey();
        long license = license(key, product, seller, owner, "ACTIVE", expiresAt, usageLimits, domains, ips, maxDevices);
        return new Scenario(seller, owner, product, code, key, license);
    }

    public record Scenario(long seller, long owner, long product, String productCode, String key, long license) {}

    public static long device(long licenseId, String clientDeviceId, boolean bound, boolean blocked) {
        return insertId("INSERT INTO device.devices (license_id, device_id, bound, blocked, bound_at) VALUES (?, ?, ?, ?, now()) RETURNING id",
                licenseId, clientDeviceId, bound, blocked);
    }

    /** A bound, unblocked device activated with {@code hwid} (stored as its SHA-256 hex, as device-service does). */
    public static long deviceWithHwid(long licenseId, String clientDeviceId, String hwid) {
        return insertId("INSERT INTO device.devices (license_id, device_id, hwid_hash, bound, blocked, bound_at)"
                + " VALUES (?, ?, encode(sha256(convert_to(?, 'UTF8')), 'hex'), true, false, now()) RETURNING id",
                licenseId, clientDeviceId, hwid.trim());
    }

    public static void execute(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, args)) {
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long queryLong(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String queryString(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long insertId(String sql, Object... args) {
        return queryLong(sql, args);
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    /** Polls until the condition holds or fails the test after the timeout. */
    public static void eventually(java.time.Duration timeout, java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Condition not met within " + timeout);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public static String token(long accountId, String role) {
        return org.licensing.common.testing.TestTokens.sign(org.licensing.common.tokens.TokenKind.ACCESS, Jwt.subject(Long.toString(accountId)).groups(role));
    }
}
