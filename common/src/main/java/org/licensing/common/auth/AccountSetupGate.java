package org.licensing.common.auth;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.licensing.common.problem.Problem;

/**
 * Holds a signed-in person to the set-up their account still owes, in every service, from the
 * access token alone (no Redis or database call): while {@code pwd_chg} is true (the bootstrap
 * admin's first password) every call but the password change answers 403
 * {@code PASSWORD_CHANGE_REQUIRED}; when the operator requires two-factor sign-in for the role
 * ({@code licensing.auth.two-factor.required-roles}) and {@code tfa} is false, every call but the
 * enrolment answers 403 {@code TWO_FACTOR_REQUIRED}. Signing out and reading one's own account
 * stay allowed; the client refreshes its tokens once the set-up is done.
 */
public class AccountSetupGate {

    public static final String PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED";
    public static final String TWO_FACTOR_REQUIRED = "TWO_FACTOR_REQUIRED";

    static final Set<String> ALWAYS_ALLOWED = Set.of("GET /api/v1/accounts/me", "POST /api/v1/auth/sign-out",
            "DELETE /api/v1/auth/refresh", "POST /api/v1/auth/refresh", "POST /api/v1/auth/sign-out-everywhere");
    static final String PASSWORD_CHANGE = "POST /api/v1/accounts/me/password";
    static final String TWO_FACTOR_PREFIX = "/api/v1/accounts/me/2fa";

    @Inject
    JsonWebToken jwt;

    @ConfigProperty(name = "licensing.auth.two-factor.required-roles")
    Optional<List<String>> twoFactorRoles;

    @ServerRequestFilter(priority = 950)
    public Response gate(ContainerRequestContext ctx) {
        if (jwt == null || jwt.getRawToken() == null || !TokenClaims.TYPE_ACCESS.equals(String.valueOf(jwt.<Object>getClaim(TokenClaims.TYPE)))) {
            return null;
        }
        String path = ctx.getUriInfo().getPath();
        String call = ctx.getMethod() + " " + path;
        if (ALWAYS_ALLOWED.contains(call)) {
            return null;
        }
        if (isTrue(jwt.getClaim(TokenClaims.PASSWORD_CHANGE_REQUIRED))) {
            return PASSWORD_CHANGE.equals(call) ? null : Problem.response(403, PASSWORD_CHANGE_REQUIRED,
                    "This account must change its password first: POST /api/v1/accounts/me/password");
        }
        if (twoFactorRoles.isPresent() && !isTrue(jwt.getClaim(TokenClaims.TWO_FACTOR)) && !path.startsWith(TWO_FACTOR_PREFIX)
                && !PASSWORD_CHANGE.equals(call)
                && jwt.getGroups().stream().anyMatch(r -> twoFactorRoles.get().stream().anyMatch(x -> x.trim().equalsIgnoreCase(r)))) {
            return Problem.response(403, TWO_FACTOR_REQUIRED,
                    "Two-factor sign-in is required for this role: enrol at POST /api/v1/accounts/me/2fa, then refresh the tokens");
        }
        return null;
    }

    static boolean isTrue(Object claim) {
        if (claim instanceof jakarta.json.JsonValue v) {
            return v == jakarta.json.JsonValue.TRUE;
        }
        return claim != null && Boolean.parseBoolean(claim.toString());
    }
}
