package org.licensing.license.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.licensing.license.Maildir;
import org.junit.jupiter.api.Test;
import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.EventTypes;
import org.licensing.license.validation.DirectEvents;
import org.licensing.license.validation.Fixtures;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class NotificationsTest {

    @Inject
    ExpiryNotificationJob job;
    @Inject
    DirectEvents events;

    /** Runs the job until it has nothing left to send (other tests' licenses may be queued first). */
    void drain() {
        for (int i = 0; i < 50; i++) {
            if (job.run().await().atMost(Duration.ofSeconds(120)) == 0) {
                return;
            }
        }
    }

    @Test
    void expiryWarningIsSentOncePerLicenseAndExpiry() {
        Fixtures.Scenario s = Fixtures.scenario("{}", "[]", "[]", 1, Instant.now().plus(Duration.ofDays(6)));
        String owner = Fixtures.emailOf(s.owner());
        String seller = Fixtures.emailOf(s.seller());
        drain();
        drain();
        assertEquals(1, Maildir.to(owner).size());
        Maildir.Message mail = Maildir.to(owner).get(0);
        assertTrue(mail.subject().contains("expires in 6 days"), mail.subject());
        assertEquals(1, Maildir.to(seller).size());
        assertEquals("EXPIRY_7D", Fixtures.queryString("SELECT kind FROM license.notifications_sent WHERE license_id = ?", s.license()));
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM license.outbox WHERE event_type = 'license.expiry_warning'"
                + " AND payload::jsonb ->> 'license_id' = ?", Long.toString(s.license())));

        // extended to a later expiry: the 30-day warning of the new date is a new notice
        Fixtures.execute("UPDATE license.licenses SET expires_at = now() + interval '20 days' WHERE id = ?", s.license());
        drain();
        assertEquals(2, Maildir.to(owner).size());
    }

    @Test
    void autoRenewingLicenseGetsARenewalReminder() {
        Fixtures.Scenario s = Fixtures.scenario("{}", "[]", "[]", 1, Instant.now().plus(Duration.ofDays(3)));
        Fixtures.execute("UPDATE license.licenses SET auto_renew = TRUE WHERE id = ?", s.license());
        drain();
        String owner = Fixtures.emailOf(s.owner());
        assertEquals(1, Maildir.to(owner).size());
        assertTrue(Maildir.to(owner).get(0).subject().contains("renews"));
        assertEquals(0, Maildir.to(Fixtures.emailOf(s.seller())).size());
        assertEquals("RENEWAL_REMINDER",
                Fixtures.queryString("SELECT kind FROM license.notifications_sent WHERE license_id = ?", s.license()));
    }

    @Test
    void inactiveOrFarLicensesGetNothing() {
        Fixtures.Scenario far = Fixtures.scenario("{}", "[]", "[]", 1, Instant.now().plus(Duration.ofDays(45)));
        Fixtures.Scenario suspended = Fixtures.scenario("{}", "[]", "[]", 1, Instant.now().plus(Duration.ofDays(2)));
        Fixtures.execute("UPDATE license.licenses SET status = 'SUSPENDED' WHERE id = ?", suspended.license());
        drain();
        assertEquals(0, Maildir.to(Fixtures.emailOf(far.owner())).size());
        assertEquals(0, Maildir.to(Fixtures.emailOf(suspended.owner())).size());
    }

    @Test
    void loginAnomalyBecomesASecurityAlert() {
        long account = Fixtures.account("CUSTOMER");
        String email = Fixtures.emailOf(account);
        events.publish(EventEnvelope.of(EventTypes.LOGIN_ANOMALY).level("warn").account(account).ip("198.51.100.23")
                .source("test").data(Map.of("reason", "new country")).build()).await().indefinitely();
        Fixtures.eventually(Duration.ofSeconds(20), () -> !Maildir.to(email).isEmpty());
        Maildir.Message mail = Maildir.to(email).get(0);
        assertTrue(mail.subject().startsWith("Security alert"));
        assertTrue(mail.text().contains("198.51.100.23"));
    }
}
