package org.licensing.common.tokens;

import java.security.PrivateKey;
import java.security.PublicKey;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.auth.principal.PrincipalUtils;

/**
 * The bearer-token parser of every service's HTTP layer (it replaces smallrye-jwt's, which knows one
 * key set and no token kinds). The header's {@code kid} picks the kind among those this service
 * accepts as a bearer token (access tokens everywhere, session tokens also in session-service;
 * refresh tokens never), and the token must then be valid as that kind: its key, algorithm,
 * audience and {@code typ}. So a session-service key can only ever vouch for session tokens.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class KindedJwtParser implements JWTParser {

    private static final TokenKind[] BEARER_KINDS = { TokenKind.ACCESS, TokenKind.SESSION };

    private final TokenKeys keys;
    private final JWTAuthContextInfo context;

    public KindedJwtParser(TokenKeys keys, JWTAuthContextInfo context) {
        this.keys = keys;
        this.context = context;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        UnverifiedToken claimed = UnverifiedToken.peek(token);
        if (claimed == null || claimed.kid() == null) {
            throw new ParseException("not a signed token of this platform");
        }
        for (TokenKind kind : BEARER_KINDS) {
            if (keys.verifies(kind) && keys.verifier(kind).knows(claimed.kid())) {
                try {
                    JwtClaims claims = keys.verifier(kind).verify(token);
                    PrincipalUtils.setClaims(claims, token, context);
                    return new DefaultJWTCallerPrincipal("JWT", claims);
                } catch (TokenVerifier.InvalidTokenException e) {
                    throw new ParseException(e.getMessage(), e);
                }
            }
        }
        throw new ParseException("unknown key id");
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo contextInfo) throws ParseException {
        return parse(token);
    }

    // Below: smallrye's own behaviour for explicit keys (not used by the platform's code).

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return new DefaultJWTParser(context).verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return new DefaultJWTParser(context).verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return new DefaultJWTParser(context).verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return new DefaultJWTParser(context).decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return new DefaultJWTParser(context).decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return new DefaultJWTParser(context).decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return new DefaultJWTParser(context).parseOnly(token);
    }
}
