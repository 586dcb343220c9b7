package org.licensing.common.auth;

/**
 * Claim names of the tokens the platform issues; every service reads tokens by these names.
 * People: {@code sub} = account id, {@code groups} = role, {@code typ} = access|refresh.
 * Client sessions: {@code sid}, {@code lic}, {@code dev}, {@code sub} = account id, {@code typ} = session.
 */
public final class TokenClaims {
    public static final String ISSUER = "https://licensing.local";
    public static final String TYPE = "typ";
    public static final String TYPE_ACCESS = "access";
    public static final String TYPE_REFRESH = "refresh";
    public static final String TYPE_SESSION = "session";
    public static final String USERNAME = "preferred_username";
    public static final String SESSION_ID = "sid";
    public static final String LICENSE_ID = "lic";
    public static final String DEVICE_ID = "dev";
    /** People's access tokens: true while the account must change its password (bootstrap admin). */
    public static final String PASSWORD_CHANGE_REQUIRED = "pwd_chg";
    /** People's access tokens: true when the account has two-factor sign-in on. */
    public static final String TWO_FACTOR = "tfa";

    private TokenClaims() {}
}
