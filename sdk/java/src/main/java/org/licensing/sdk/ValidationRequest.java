package org.licensing.sdk;

/**
 * What to validate the client's key for: a product (code or numeric id), a domain (host,
 * host:port or URL), a device (the client's own device id) and an offline certificate's id (the
 * platform then answers {@code CERTIFICATE_REVOKED} and the like). Each is optional.
 */
public record ValidationRequest(String product, String domain, String device, String certificateId) {

    public ValidationRequest(String product, String domain, String device) {
        this(product, domain, device, null);
    }

    public static ValidationRequest of(String product) {
        return new ValidationRequest(product, null, null, null);
    }

    public ValidationRequest domain(String d) {
        return new ValidationRequest(product, d, device, certificateId);
    }

    public ValidationRequest device(String d) {
        return new ValidationRequest(product, domain, d, certificateId);
    }

    public ValidationRequest certificateId(String id) {
        return new ValidationRequest(product, domain, device, id);
    }

    /** The key under which the last good validation of this request is kept for grace (product, domain, device). */
    String graceKey() {
        return (product == null ? "" : product) + "|" + (domain == null ? "" : domain) + "|" + (device == null ? "" : device);
    }
}
