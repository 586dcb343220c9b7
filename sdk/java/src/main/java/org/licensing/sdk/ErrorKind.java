package org.licensing.sdk;

/** What kind of failure a {@link LicensingException} is: the platform unreachable, or a refusal. */
public enum ErrorKind {
    /** No answer at all: connection refused or reset, timeout, name resolution. Grace applies. */
    NETWORK,
    /** The gateway or a service answered 502, 503 or 504: the platform is there but cannot serve now. Grace applies. */
    UNAVAILABLE,
    /** Any other error answer (4xx, 500): the platform refused; grace never applies. */
    REFUSED;

    /** True for {@link #NETWORK} and {@link #UNAVAILABLE}: the platform cannot be reached. */
    public boolean unreachable() {
        return this != REFUSED;
    }
}
