package org.licensing.license.auth;

import jakarta.ws.rs.core.Response;

/**
 * The browser mode of the refresh token: with {@code X-Refresh-Mode: cookie} the token travels in
 * an {@code HttpOnly} cookie scoped to the refresh path, so page scripts never see it (an XSS
 * cannot steal it) and no other request carries it. {@code SameSite=Strict} keeps other sites
 * from spending it; {@code Secure} still works on {@code http://localhost}, which browsers treat
 * as a secure context.
 */
public final class RefreshCookie {

    public static final String NAME = "lm_refresh";
    public static final String PATH = "/api/v1/auth/refresh";
    public static final String MODE_HEADER = "X-Refresh-Mode";
    public static final String MODE_COOKIE = "cookie";

    private RefreshCookie() {}

    public static boolean requested(String modeHeader) {
        return modeHeader != null && MODE_COOKIE.equalsIgnoreCase(modeHeader.trim());
    }

    public static String set(String token, long maxAgeSeconds) {
        return NAME + "=" + token + "; Path=" + PATH + "; Max-Age=" + maxAgeSeconds + "; HttpOnly; Secure; SameSite=Strict";
    }

    public static String clear() {
        return NAME + "=; Path=" + PATH + "; Max-Age=0; HttpOnly; Secure; SameSite=Strict";
    }

    /** The answer to a sign-in or refresh: the refresh token in the body, or in the cookie (and not in the body). */
    public static Response answer(int status, AuthResource.SignedIn signedIn, boolean cookieMode) {
        if (!cookieMode) {
            return Response.status(status).entity(signedIn).build();
        }
        return Response.status(status).entity(signedIn.withoutRefreshToken())
                .header("Set-Cookie", set(signedIn.refreshToken(), signedIn.refreshExpiresIn())).build();
    }
}
