package org.licensing.sdk;

/**
 * What to validate the client's key for: a product (code or numeric id), a domain (host,
 * host:port or URL) and a device (the client's own device id). Each is optional.
 */
public record ValidationRequest(String product, String domain, String device) {

    public static ValidationRequest of(String product) {
        return new ValidationRequest(product, null, null);
    }

    public ValidationRequest domain(String d) {
        return new ValidationRequest(product, d, device);
    }

    public ValidationRequest device(String d) {
        return new ValidationRequest(product, domain, d);
    }

    /** The key under which the last good validation of this request is kept for grace. */
    String graceKey() {
        return (product == null ? "" : product) + "|" + (domain == null ? "" : domain) + "|" + (device == null ? "" : device);
    }
}
