package org.licensing.license.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.licensing.common.events.EventEnvelope;
import org.licensing.license.validation.Fixtures;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A whole read of the event stream becomes webhook deliveries in one statement: each event reaches
 * the subscribed, enabled endpoints of its own license's seller and no one else's, once per endpoint
 * even when the read holds the event twice (a redelivery), and never for a license that does not exist.
 */
@QuarkusTest
class WebhookEnqueueTest {

    @Inject
    WebhookDispatcher webhooks;

    @Test
    void aBatchReachesEachSellersSubscribedEndpointsOnce() {
        Fixtures.Scenario a = Fixtures.scenario("{}", "[]", "[]", 3, null);
        Fixtures.Scenario b = Fixtures.scenario("{}", "[]", "[]", 3, null);
        long allOfA = endpoint(a.seller(), "[\"*\"]", true);
        long suspensionsOfA = endpoint(a.seller(), "[\"license.suspended\"]", true);
        long disabledOfA = endpoint(a.seller(), "[\"*\"]", false);
        long allOfB = endpoint(b.seller(), "[\"*\"]", true);

        EventEnvelope boundA = EventEnvelope.of("device.bound").license(a.license()).device("d-1").build();
        EventEnvelope suspendedA = EventEnvelope.of("license.suspended").license(a.license()).build();
        EventEnvelope boundB = EventEnvelope.of("device.bound").license(b.license()).device("d-2").build();
        EventEnvelope ofNoLicense = EventEnvelope.of("device.bound").license(Long.MAX_VALUE).device("d-3").build();

        int inserted = webhooks.enqueueAll(List.of(boundA, suspendedA, boundB, ofNoLicense, boundA))
                .await().atMost(Duration.ofSeconds(10));

        // A's "*" endpoint: both of A's events; A's suspension endpoint: the suspension only; B's: B's event
        assertEquals(4, inserted);
        assertEquals(List.of(boundA.id(), suspendedA.id()).stream().sorted().toList(), eventsOf(allOfA));
        assertEquals(List.of(suspendedA.id()), eventsOf(suspensionsOfA));
        assertEquals(List.of(), eventsOf(disabledOfA));
        assertEquals(List.of(boundB.id()), eventsOf(allOfB));

        // the same read again (claimed after a failed acknowledgement) adds nothing
        assertEquals(0, webhooks.enqueueAll(List.of(boundA, suspendedA, boundB)).await().atMost(Duration.ofSeconds(10)));
        assertEquals(0, webhooks.enqueueAll(List.of()).await().atMost(Duration.ofSeconds(10)));
    }

    private static long endpoint(long seller, String events, boolean enabled) {
        return Fixtures.queryLong("INSERT INTO license.webhook_endpoints (seller_id, url, events, secret, enabled)"
                + " VALUES (?, 'https://hooks.example.test/x', ?::jsonb, 'whsec_test', ?) RETURNING id", seller, events, enabled);
    }

    private static List<String> eventsOf(long endpoint) {
        List<String> out = new ArrayList<>();
        try (var c = Fixtures.connect(); var st = c.prepareStatement(
                "SELECT event_id FROM license.webhook_deliveries WHERE endpoint_id = ? ORDER BY event_id")) {
            st.setLong(1, endpoint);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
