package org.licensing.license.validation;

/** What device-service's table says of the device named in a validation. */
public enum DeviceState {
    /** The caller named no device: the device check is skipped. */
    NOT_REQUESTED,
    /** Bound to the license and not blocked. */
    BOUND,
    /** Not bound to this license (never activated, or unbound). */
    NOT_BOUND,
    BLOCKED
}
