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
import org.licensing.common.problem.ProblemCodes;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

/**
 * Holds a signed-in person to the set-up their account still owes, in every service, from the
 * access token alone (no Redis or database call): while {@code pwd_chg} is true (the bootstrap
 * admin's first password) every call but the password change answers 403
 * {@code ProblemCodes.PASSWORD_CHANGE_REQUIRED}; when the operator requires two-factor sign-in for the role
 * ({@code licensing.auth.two-factor.required-roles}) and {@code tfa} is false, every call but the
 * enrolment answers 403 {@code ProblemCodes.TWO_FACTOR_REQUIRED}. Signing out and reading one's own account
 * stay allowed; the client refreshes its tokens once the set-up is done.
 */
public class AccountSetupGate {


    static final Set<String> ALWAYS_ALLOWED = Set.of("GET /api/v1/accounts/me", "POST /api/v1/auth/sign-out",
            "DELETE /api/v1/auth/refresh", "POST /api/v1/auth/refresh", "POST /api/v1/auth/sign-out-everywhere");
    static final String PASSWORD_CHANGE = "POST /api/v1/accounts/me/password";
    static final String TWO_FACTOR_PREFIX = "/api/v1/accounts/me/2fa";

    @Inject
    CurrentIdentityAssociation identity;

    @ConfigProperty(name = "licensing.auth.two-factor.required-roles")
    Optional<List<String>> twoFactorRoles;

    /**
     * Reactive: services with lazy authentication (session-service) must not resolve the identity
     * on the IO thread. Only requests with a bearer token are looked at, and a token that does not
     * authenticate is left to the endpoint's own security.
     */
    @ServerRequestFilter(priority = 950)
    public Uni<Response> gate(ContainerRequestContext ctx) {
        String auth = ctx.getHeaderString("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Uni.createFrom().nullItem();
        }
        return identity.getDeferredIdentity().onFailure().recoverWithNull().map(id -> {
            if (id == null || !(id.getPrincipal() instanceof JsonWebToken jwt)) {
                return null;
            }
            String refusal = refusal(ctx.getMethod(), ctx.getUriInfo().getPath(), String.valueOf(jwt.<Object>getClaim(TokenClaims.TYPE)),
                    isTrue(jwt.getClaim(TokenClaims.PASSWORD_CHANGE_REQUIRED)), isTrue(jwt.getClaim(TokenClaims.TWO_FACTOR)),
                    jwt.getGroups(), twoFactorRoles.orElse(List.of()));
            if (ProblemCodes.PASSWORD_CHANGE_REQUIRED.equals(refusal)) {
                return Problem.response(403, ProblemCodes.PASSWORD_CHANGE_REQUIRED,
                        "This account must change its password first: POST /api/v1/accounts/me/password");
            }
            if (ProblemCodes.TWO_FACTOR_REQUIRED.equals(refusal)) {
                return Problem.response(403, ProblemCodes.TWO_FACTOR_REQUIRED,
                        "Two-factor sign-in is required for this role: enrol at POST /api/v1/accounts/me/2fa, then refresh the tokens");
            }
            return null;
        });
    }

    /** The rule, pure: the problem code that refuses this call, or null. */
    public static String refusal(String method, String path, String tokenType, boolean passwordChange, boolean twoFactorOn,
            Set<String> roles, List<String> twoFactorRoles) {
        if (!TokenClaims.TYPE_ACCESS.equals(tokenType)) {
            return null;
        }
        String call = method + " " + path;
        if (ALWAYS_ALLOWED.contains(call)) {
            return null;
        }
        if (passwordChange) {
            return PASSWORD_CHANGE.equals(call) ? null : ProblemCodes.PASSWORD_CHANGE_REQUIRED;
        }
        boolean required = roles != null && roles.stream().anyMatch(r -> twoFactorRoles.stream().anyMatch(x -> x.trim().equalsIgnoreCase(r)));
        if (required && !twoFactorOn && !path.startsWith(TWO_FACTOR_PREFIX) && !PASSWORD_CHANGE.equals(call)) {
            return ProblemCodes.TWO_FACTOR_REQUIRED;
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
