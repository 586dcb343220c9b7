package org.licensing.license.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.licensing.license.validation.Fixtures;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With private targets refused (production's setting), a delivery to a name that resolves inside the
 * network is not sent: the saved URL's host looked public enough to pass ("localhost" is written into
 * the row directly here, as a DNS name pointing at 127.0.0.1 would pass the save-time check), but
 * every resolved address is checked when sending.
 */
@QuarkusTest
@TestProfile(WebhookPrivateTargetTest.PrivateTargetsRefused.class)
class WebhookPrivateTargetTest {

    public static class PrivateTargetsRefused implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("licensing.webhooks.allow-private-targets", "false");
        }
    }

    @Test
    void aTargetResolvingToAPrivateAddressIsNeverSent() throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            got.add(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            long seller = Fixtures.account("SELLER");
            String url = "http://localhost:" + server.getAddress().getPort() + "/hook";
            Fixtures.execute("INSERT INTO license.webhook_endpoints (seller_id, url, secret) VALUES (?, ?, 'whsec_test')",
                    seller, url);
            long endpoint = Fixtures.queryLong("SELECT max(id) FROM license.webhook_endpoints WHERE seller_id = ?", seller);
            Fixtures.execute("INSERT INTO license.webhook_deliveries (endpoint_id, event_id, event_type, payload)"
                    + " VALUES (?, ?, 'license.suspended', '{}')", endpoint, Fixtures.unique());

            Fixtures.eventually(Duration.ofSeconds(20), () -> Fixtures.queryLong(
                    "SELECT attempts FROM license.webhook_deliveries WHERE endpoint_id = ?", endpoint) >= 1);
            String error = Fixtures.queryString("SELECT last_error FROM license.webhook_deliveries WHERE endpoint_id = ?", endpoint);
            assertTrue(error != null && error.contains("private address"), error);
            assertEquals(List.of(), got, "nothing reached the internal receiver");
        } finally {
            server.stop(0);
        }
    }
}
