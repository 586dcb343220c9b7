package org.licensing.common.auth;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Refuses a JWT whose {@code jti} was revoked (sign-out, session end) or whose account is
 * suspended: one reactive Redis EXISTS per authenticated request, in every service.
 */
@ApplicationScoped
public class BlacklistAugmentor implements SecurityIdentityAugmentor {

    private final TokenBlacklist blacklist;

    public BlacklistAugmentor(TokenBlacklist blacklist) {
        this.blacklist = blacklist;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        return blacklist.isRefused(jwt.getTokenID(), jwt.getSubject())
                .onItem().transform(refused -> {
                    if (refused) {
                        throw new AuthenticationFailedException("token revoked or account suspended");
                    }
                    return identity;
                });
    }
}
