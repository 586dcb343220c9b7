package org.licensing.stats.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.licensing.common.auth.Roles;
import org.licensing.common.testing.ForeignSchema;
import org.licensing.common.testing.TestInfra;
import org.licensing.common.testing.TestTokens;
import org.licensing.common.tokens.TokenKind;
import org.licensing.stats.usage.UsageDuration;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.json.JsonObject;

/**
 * The event-log and usage exports against the real database: tens of thousands of rows come out
 * complete, in order, chunked, in CSV and JSON Lines, and only to those who may read them.
 */
@QuarkusTest
class ExportApiTest {

    static final int EVENTS = 30_000;
    static final int DAYS = 1_200;
    static long seller1, seller2, customer1, customer2, license1, license2;
    static String from, to;
    static final LocalDate FIRST_DAY = LocalDate.of(2022, 1, 1);

    @BeforeAll
    static void data() throws Exception {
        ForeignSchema.migrate("license");
        try (Connection c = DriverManager.getConnection(TestInfra.JDBC_URL, "licensing", "licensing")) {
            seller1 = account(c, "SELLER");
            seller2 = account(c, "SELLER");
            customer1 = account(c, "CUSTOMER");
            customer2 = account(c, "CUSTOMER");
            license1 = license(c, product(c, seller1), seller1, customer1);
            license2 = license(c, product(c, seller2), seller2, customer2);
            // Events of license1 in this month's partition (created by the service at start: retry until it is there).
            String tag = UUID.randomUUID().toString().substring(0, 8);
            for (int attempt = 0;; attempt++) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO stats.event_log (id, type, level, account_id, license_id, "
                        + "device_id, source, details, created_at) SELECT 'exp-' || ? || '-' || g, 'license.validated', 'info', ?, ?, "
                        + "'pc-' || (g % 7), 'test', jsonb_build_object('n', g, 'note', 'a, \"quoted\" text'), "
                        + "date_trunc('month', now()) + g * interval '1 millisecond' FROM generate_series(1, ?) g")) {
                    ps.setString(1, tag);
                    ps.setLong(2, customer1);
                    ps.setLong(3, license1);
                    ps.setInt(4, EVENTS);
                    ps.executeUpdate();
                    break;
                } catch (java.sql.SQLException e) {
                    if (attempt > 40) {
                        throw e;
                    }
                    Thread.sleep(250);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO stats.usage_daily (scope, scope_id, day, logins, usage_seconds, heartbeats) "
                    + "SELECT 'license', ?, ?::date + g, g % 3, g * 61, g FROM generate_series(0, ? - 1) g")) {
                ps.setString(1, Long.toString(license1));
                ps.setObject(2, FIRST_DAY);
                ps.setInt(3, DAYS);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO stats.usage_daily (scope, scope_id, day, logins, usage_seconds, heartbeats) "
                    + "VALUES ('license', ?, ?, 1, 100, 1)")) {
                ps.setString(1, Long.toString(license2));
                ps.setObject(2, FIRST_DAY);
                ps.executeUpdate();
            }
        }
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        from = month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC).toString();
        to = month.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC).toString();
    }

    @Test
    void theSellerExportsEveryEventOfItsLicenseAsCsvInOrderAndChunked() {
        Response r = as(seller1, Roles.SELLER).queryParam("license_id", license1).queryParam("from", from).queryParam("to", to)
                .queryParam("format", "csv").get("/api/v1/events/export");
        r.then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString("events.csv"))
                .header("Transfer-Encoding", equalTo("chunked"));
        List<String> lines = lines(r.asString(), "\r\n");
        assertEquals("ts,id,type,level,account_id,license_id,device_id,actor_id,ip,source,data", lines.get(0));
        assertEquals(EVENTS + 1, lines.size());
        // Oldest first; the JSON data is one quoted field (its quotes doubled, its comma kept inside).
        assertTrue(lines.get(1).contains("-1,license.validated,info," + customer1 + "," + license1 + ",pc-1,,,test,"), lines.get(1));
        assertTrue(lines.get(1).endsWith("\"{\"\"n\"\":1,\"\"note\"\":\"\"a, \\\"\"quoted\\\"\" text\"\"}\""), lines.get(1));
        assertTrue(lines.get(EVENTS).contains("-" + EVENTS + ",license.validated"), lines.get(EVENTS));
    }

    @Test
    void jsonLinesByAcceptHeaderOneObjectPerLine() {
        Response r = as(customer1, Roles.CUSTOMER).accept("application/x-ndjson").queryParam("from", from).queryParam("to", to)
                .queryParam("type", "license.validated").get("/api/v1/events/export");
        r.then().statusCode(200).contentType(startsWith("application/jsonl"));
        List<String> lines = lines(r.asString(), "\n");
        assertEquals(EVENTS, lines.size());
        JsonObject first = new JsonObject(lines.get(0));
        assertEquals(license1, first.getLong("license_id"));
        assertEquals(1, first.getJsonObject("data").getInteger("n"));
        assertEquals(EVENTS, new JsonObject(lines.get(EVENTS - 1)).getJsonObject("data").getInteger("n"));
    }

    @Test
    void othersGetNoneOfTheEvents() {
        Response r = as(seller2, Roles.SELLER).queryParam("license_id", license1).get("/api/v1/events/export");
        r.then().statusCode(200);
        assertEquals(List.of("ts,id,type,level,account_id,license_id,device_id,actor_id,ip,source,data"), lines(r.asString(), "\r\n"));
        as(customer2, Roles.CUSTOMER).queryParam("account_id", customer1).get("/api/v1/events/export").then().statusCode(403);
        given().get("/api/v1/events/export").then().statusCode(401);
    }

    @Test
    void theCustomerDownloadsItsOwnUsagePerDay() {
        Response r = as(customer1, Roles.CUSTOMER).queryParam("from", FIRST_DAY.toString())
                .queryParam("to", FIRST_DAY.plusDays(DAYS + 10).toString()).get("/api/v1/stats/export/usage");
        r.then().statusCode(200).contentType(startsWith("text/csv")).header("Content-Disposition", containsString("usage.csv"));
        List<String> lines = lines(r.asString(), "\r\n");
        assertEquals("day,license_id,product,logins,usage_seconds,usage_time,heartbeats", lines.get(0));
        assertEquals(DAYS + 1, lines.size());
        assertEquals(FIRST_DAY + "," + license1 + ",API,0,0," + UsageDuration.format(0) + ",0", lines.get(1));
        long s = (DAYS - 1) * 61L;
        assertEquals(FIRST_DAY.plusDays(DAYS - 1) + "," + license1 + ",API," + ((DAYS - 1) % 3) + "," + s + ","
                + UsageDuration.format(s) + "," + (DAYS - 1), lines.get(DAYS));
    }

    @Test
    void usageIsAccessCheckedAndItsInputNamed() {
        String day = FIRST_DAY.toString();
        Response seller = as(seller2, Roles.SELLER).queryParam("from", day).queryParam("to", day).queryParam("format", "jsonl")
                .get("/api/v1/stats/export/usage");
        seller.then().statusCode(200);
        List<String> lines = lines(seller.asString(), "\n");
        assertEquals(1, lines.size());
        assertEquals(license2, new JsonObject(lines.get(0)).getLong("license_id"));
        as(seller1, Roles.SELLER).queryParam("format", "xml").get("/api/v1/stats/export/usage")
                .then().statusCode(400).body("errors[0].field", equalTo("format"));
        as(seller1, Roles.SELLER).queryParam("from", "yesterday").get("/api/v1/stats/export/usage")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        as(seller1, Roles.SELLER).queryParam("from", "2026-13-01T00:00:00Z").get("/api/v1/events/export")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
    }

    private static List<String> lines(String body, String separator) {
        assertTrue(body.isEmpty() || body.endsWith(separator), "every line ends with " + separator.replace("\r", "\\r").replace("\n", "\\n"));
        return body.isEmpty() ? List.of() : List.of(body.split(separator));
    }

    private static RequestSpecification as(long account, String role) {
        return given().auth().oauth2(TestTokens.sign(TokenKind.ACCESS, Jwt.subject(Long.toString(account)).groups(role)));
    }

    private static long account(Connection c, String role) throws Exception {
        String name = "ex-" + UUID.randomUUID().toString().substring(0, 18);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO license.accounts (username, email, password_hash, role, seller_name) "
                + "VALUES (?, ?, 'x', ?, ?) RETURNING id")) {
            ps.setString(1, name);
            ps.setString(2, name + "@example.test");
            ps.setString(3, role);
            ps.setString(4, "SELLER".equals(role) ? name : null);
            return id(ps);
        }
    }

    private static long product(Connection c, long seller) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO license.products (seller_id, code, name) VALUES (?, 'API', 'Export test') RETURNING id")) {
            ps.setLong(1, seller);
            return id(ps);
        }
    }

    private static long license(Connection c, long product, long seller, long owner) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO license.licenses (key_hash, key_encrypted, key_scheme, key_hint, "
                + "product_id, seller_id, owner_account_id, status) VALUES (?, 'enc', 'OPAQUE', 'hint', ?, ?, ?, 'ACTIVE') RETURNING id")) {
            ps.setString(1, (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 64));
            ps.setLong(2, product);
            ps.setLong(3, seller);
            ps.setLong(4, owner);
            return id(ps);
        }
    }

    private static long id(PreparedStatement ps) throws Exception {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
