package org.licensing.common.events;

/** Event type names (DESIGN section 2). New types are added; none is renamed. */
public final class EventTypes {
    public static final String ACCOUNT_REGISTERED = "account.registered";
    public static final String ACCOUNT_SIGNED_IN = "account.signed_in";
    public static final String ACCOUNT_SUSPENDED = "account.suspended";
    public static final String ACCOUNT_REINSTATED = "account.reinstated";
    public static final String ACCOUNT_PASSWORD_CHANGED = "account.password_changed";
    public static final String ACCOUNT_PASSWORD_RESET = "account.password_reset";
    public static final String ACCOUNT_EMAIL_VERIFIED = "account.email_verified";
    public static final String ACCOUNT_MAGIC_LINK_USED = "account.magic_link_used";
    public static final String ACCOUNT_2FA_ENABLED = "account.2fa_enabled";
    public static final String ACCOUNT_2FA_DISABLED = "account.2fa_disabled";
    public static final String ACCOUNT_2FA_RESET = "account.2fa_reset";
    public static final String AUTH_REFRESH_REUSE = "auth.refresh_reuse";
    public static final String LICENSE_ISSUED = "license.issued";
    public static final String LICENSE_ACTIVATED = "license.activated";
    public static final String LICENSE_SUSPENDED = "license.suspended";
    public static final String LICENSE_REINSTATED = "license.reinstated";
    public static final String LICENSE_REVOKED = "license.revoked";
    public static final String LICENSE_EXPIRED = "license.expired";
    public static final String LICENSE_UPGRADED = "license.upgraded";
    public static final String LICENSE_EXTENDED = "license.extended";
    public static final String LICENSE_KEY_REPLACED = "license.key_replaced";
    public static final String LICENSE_UPDATED = "license.updated";
    public static final String LICENSE_TRANSFERRED = "license.transferred";
    public static final String LICENSE_EXTENSION_REQUESTED = "license.extension_requested";
    public static final String LICENSE_TRANSFER_REQUESTED = "license.transfer_requested";
    public static final String LICENSE_REQUEST_REFUSED = "license.request_refused";
    public static final String LICENSE_VALIDATED = "license.validated";
    public static final String LICENSE_USAGE_WARNING = "license.usage_warning";
    public static final String LICENSE_USAGE_EXCEEDED = "license.usage_exceeded";
    public static final String LICENSE_EXPIRY_WARNING = "license.expiry_warning";
    public static final String DEVICE_BOUND = "device.bound";
    public static final String DEVICE_UNBOUND = "device.unbound";
    public static final String DEVICE_BLOCKED = "device.blocked";
    public static final String DEVICE_UNBLOCKED = "device.unblocked";
    public static final String DEVICE_RESET = "device.reset";
    public static final String LOGIN_ANOMALY = "login.anomaly";
    public static final String IP_UNBLOCKED = "ip.unblocked";
    public static final String SESSION_STARTED = "session.started";
    public static final String SESSION_ENDED = "session.ended";
    public static final String CONNECTION_STARTED = "connection.started";
    public static final String CONNECTION_ENDED = "connection.ended";

    private EventTypes() {}
}
