package org.licensing.stats.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.licensing.common.auth.Caller;
import org.licensing.common.auth.Roles;

class ActorRedactionTest {

    static final Caller CUSTOMER = new Caller(7, Roles.CUSTOMER);
    static final Caller SELLER = new Caller(3, Roles.SELLER);
    static final Caller ADMIN = new Caller(1, Roles.ADMIN);

    static EventLogResource.EventView event(Long actor, String ip) {
        return new EventLogResource.EventView("e1", "license.suspended", "warn", 7L, 42L, null, actor, ip, "license-service",
                Map.of("reason", "x"), OffsetDateTime.parse("2026-12-01T10:00:00Z"));
    }

    @Test
    void customersDoNotSeeOtherActors() {
        EventLogResource.EventView byAdmin = event(1L, "198.51.100.20");
        EventLogResource.EventView seen = ActorRedaction.apply(CUSTOMER, byAdmin);
        assertNull(seen.actorId());
        assertNull(seen.ip());
        assertEquals(byAdmin.type(), seen.type());
        assertEquals(byAdmin.data(), seen.data());
        assertEquals(byAdmin.licenseId(), seen.licenseId());
        assertFalse(ActorRedaction.showsActor(CUSTOMER, 3L));
    }

    @Test
    void customersSeeTheirOwnActsAndEventsWithoutAPerson() {
        assertEquals("203.0.113.5", ActorRedaction.apply(CUSTOMER, event(7L, "203.0.113.5")).ip());
        assertEquals(7L, ActorRedaction.apply(CUSTOMER, event(7L, "203.0.113.5")).actorId());
        assertEquals("203.0.113.6", ActorRedaction.apply(CUSTOMER, event(null, "203.0.113.6")).ip()); // the customer's device
    }

    @Test
    void sellersAndAdminsSeeActors() {
        assertTrue(ActorRedaction.showsActor(SELLER, 1L));
        assertEquals(1L, ActorRedaction.apply(ADMIN, event(1L, "198.51.100.20")).actorId());
        assertEquals("198.51.100.20", ActorRedaction.apply(SELLER, event(1L, "198.51.100.20")).ip());
    }
}
