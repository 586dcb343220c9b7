package org.licensing.license.licenses;

/** Event types of this service not (yet) in common's EventTypes. */
public final class LicenseEvents {
    public static final String LICENSE_UPDATED = "license.updated";
    public static final String LICENSE_TRANSFERRED = "license.transferred";
    public static final String LICENSE_EXTENSION_REQUESTED = "license.extension_requested";
    public static final String LICENSE_TRANSFER_REQUESTED = "license.transfer_requested";
    public static final String LICENSE_REQUEST_REFUSED = "license.request_refused";
    public static final String SOURCE = "license-service";

    private LicenseEvents() {}
}
