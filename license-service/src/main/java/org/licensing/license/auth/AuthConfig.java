package org.licensing.license.auth;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Operator settings of sign-in and tokens ({@code licensing.auth.*}). */
@ConfigMapping(prefix = "licensing.auth")
public interface AuthConfig {

    /** Life of an access token ({@code ACCESS_TOKEN_TTL}). */
    @WithDefault("15m")
    Duration accessTokenTtl();

    /** Life of a refresh token ({@code REFRESH_TOKEN_TTL}). */
    @WithDefault("7d")
    Duration refreshTokenTtl();

    /** bcrypt work factor of stored passwords ({@code BCRYPT_COST}). */
    @WithDefault("12")
    int bcryptCost();

    SignInThrottle signInThrottle();

    TwoFactor twoFactor();

    /** Locks after repeated failed sign-ins ({@code SIGN_IN_*}). */
    interface SignInThrottle {
        @WithDefault("1m")
        Duration lockBase();

        @WithDefault("1h")
        Duration lockMax();

        /** How long failures count toward the next lock. */
        @WithDefault("24h")
        Duration strikesMemory();

        /** How long an address that signed in successfully is remembered as known. */
        @WithDefault("90d")
        Duration knownAddressTtl();
    }

    interface TwoFactor {
        /** Issuer shown by authenticator apps ({@code TWO_FACTOR_ISSUER}). */
        @WithDefault("Licensing")
        String issuer();

        /** Life of the challenge between the two sign-in steps ({@code TWO_FACTOR_CHALLENGE_TTL}). */
        @WithDefault("5m")
        Duration challengeTtl();

        /** Roles that must enable 2FA first; read by common's AccountSetupGate, mapped here so the prefix is whole. */
        Optional<List<String>> requiredRoles();
    }
}
