package org.licensing.license.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.EventTypes;
import org.licensing.license.validation.DirectEvents;
import org.licensing.license.validation.Fixtures;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class NotificationsTest {

    @Inject
    ExpiryNotificationJob job;
    @Inject
    MockMailbox mailbox;
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
        assertEquals(1, mailbox.getMailsSentTo(owner).size());
        Mail mail = mailbox.getMailsSentTo(owner).get(0);
        assertTrue(mail.getSubject().contains("expires in 6 days"), mail.getSubject());
        assertEquals(1, mailbox.getMailsSentTo(seller).size());
        assertEquals("EXPIRY_7D", Fixtures.queryString("SELECT kind FROM license.notifications_sent WHERE license_id = ?", s.license()));
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM license.outbox WHERE event_type = 'license.expiry_warning'"
                + " AND payload::jsonb ->> 'license_id' = ?", Long.toString(s.license())));

        // extended to a later expiry: the 30-day warning of the new date is a new notice
        Fixtures.execute("UPDATE license.licenses SET expires_at = now() + interval '20 days' WHERE id = ?", s.license());
        drain();
        assertEquals(2, mailbox.getMailsSentTo(owner).size());
    }

    @Test
    void autoRenewingLicenseGetsARenewalReminder() {
        Fixtures.Scenario s = Fixtures.scenario("{}", "[]", "[]", 1, Instant.now().plus(Duration.ofDays(3)));
        Fixtures.execute("UPDATE license.licenses SET auto_renew = TRUE WHERE id = ?", s.license());
        drain();
        String owner = Fixtures.emailOf(s.owner());
        assertEquals(1, mailbox.getMailsSentTo(owner).size());
        assertTrue(mailbox.getMailsSentTo(owner).get(0).getSubject().contains("renews"));
        assertEquals(0, mailbox.getMailsSentTo(Fixtures.emailOf(s.seller())).size());
        assertEquals("RENEWAL_REMINDER",
                Fixtures.queryString("SELECT kind FROM license.notifications_sent WHERE license_id = ?", s.license()));
    }

    @Test
    void inactiveOrFarLicensesGetNothing() {
        Fixtures.Scenario far = Fixtures.scenario("{}", "[]", "[]", 1, Instant.now().plus(Duration.ofDays(45)));
        Fixtures.Scenario suspended = Fixtures.scenario("{}", "[]", "[]", 1, Instant.now().plus(Duration.ofDays(2)));
        Fixtures.execute("UPDATE license.licenses SET status = 'SUSPENDED' WHERE id = ?", suspended.license());
        drain();
        assertEquals(0, mailbox.getMailsSentTo(Fixtures.emailOf(far.owner())).size());
        assertEquals(0, mailbox.getMailsSentTo(Fixtures.emailOf(suspended.owner())).size());
    }

    @Test
    void loginAnomalyBecomesASecurityAlert() {
        long account = Fixtures.account("CUSTOMER");
        String email = Fixtures.emailOf(account);
        events.publish(EventEnvelope.of(EventTypes.LOGIN_ANOMALY).level("warn").account(account).ip("198.51.100.23")
                .source("test").data(Map.of("reason", "new country")).build()).await().indefinitely();
        Fixtures.eventually(Duration.ofSeconds(20), () -> !mailbox.getMailsSentTo(email).isEmpty());
        Mail mail = mailbox.getMailsSentTo(email).get(0);
        assertTrue(mail.getSubject().startsWith("Security alert"));
        assertTrue(mail.getText().contains("198.51.100.23"));
    }
}
