package org.licensing.common.auth;

/** Roles carried in the JWT {@code groups} claim. */
public final class Roles {
    public static final String ADMIN = "ADMIN";
    public static final String SELLER = "SELLER";
    public static final String CUSTOMER = "CUSTOMER";
    /** A client application holding a session token (session-service). */
    public static final String CLIENT = "CLIENT";

    private Roles() {}
}
