package org.licensing.license.notifications;

import java.util.List;

import io.smallrye.config.ConfigMapping;

/** Expiry notices and event mail ({@code licensing.notifications.*}). */
@ConfigMapping(prefix = "licensing.notifications")
public interface NotificationsConfig {

    /** How often the expiry notices run ({@code NOTIFICATIONS_EVERY}); read by the schedule. */
    String every();

    /** How often event mail is read from the stream ({@code NOTIFICATIONS_EVENTS_EVERY}); read by the schedule. */
    String eventsEvery();

    /** Days before expiry a warning goes out. */
    List<Integer> expiryWarningDays();

    /** Days before an auto-renewing license's end its reminder goes out ({@code RENEWAL_REMINDER_DAYS}). */
    int renewalReminderDays();
}
