package org.licensing.license.notifications;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.licensing.common.events.EventTypes;

/** Which stream entries the notifier drops by their {@code type} field alone, without parsing the event. */
class NotificationSkipTest {

    @Test
    void onlyTypesThatNeitherMailNorWebhookAreSkipped() {
        assertTrue(NotificationEventConsumer.ignores(EventTypes.LICENSE_VALIDATED));
        assertFalse(NotificationEventConsumer.ignores(EventTypes.LICENSE_USAGE_EXCEEDED));
        assertFalse(NotificationEventConsumer.ignores(EventTypes.LICENSE_USAGE_WARNING));
        assertFalse(NotificationEventConsumer.ignores(EventTypes.LOGIN_ANOMALY));
        assertFalse(NotificationEventConsumer.ignores(EventTypes.LICENSE_VALIDATED.replace("validated", "suspended")));
        // an entry without the field (outbox events) is parsed as before
        assertFalse(NotificationEventConsumer.ignores(null));
    }
}
