package org.licensing.common.idempotency;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.licensing.common.http.ClientAddress;
import org.licensing.common.problem.Problem;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.problem.ProblemCodes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * {@code Idempotency-Key} on every POST of the JSON API, in every service (one mechanism, here):
 * <ol>
 * <li>no header: nothing happens;</li>
 * <li>a key never seen for this caller (account of the token, or client address when anonymous): the
 * request runs, and its answer (status, body, Location and Content-Type) is kept for 24 h;</li>
 * <li>the same key and the same request again (method, path, query, body): the kept answer, with
 * {@code Idempotent-Replayed: true}, and nothing is done again;</li>
 * <li>the same key with another request: 422 {@code IDEMPOTENCY_KEY_REUSED};</li>
 * <li>while the first request is still running: 409 {@code IDEMPOTENCY_IN_PROGRESS} with Retry-After.</li>
 * </ol>
 * Answers that say the work may not have happened (5xx, 429, 401) are not kept: the retry runs.
 * Not covered ({@code licensing.idempotency.excluded-paths}): sign-in and token refresh (their answers
 * are credentials, never stored), validation (changes nothing) and the legacy form endpoints.
 */
public class IdempotencyFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 255;
    private static final String CLAIM = IdempotencyFilter.class.getName() + ".claim";
    private static final Logger LOG = Logger.getLogger(IdempotencyFilter.class);

    @Inject
    IdempotencyStore store;
    @Inject
    CurrentIdentityAssociation identity;
    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "licensing.idempotency.excluded-paths")
    List<String> excluded;

    // after the rate limit (900) and authentication; the body is read first so that it can be fingerprinted
    @ServerRequestFilter(priority = 1000, readBody = true)
    public Uni<Response> claim(ContainerRequestContext ctx, HttpServerRequest request) {
        String key = ctx.getHeaderString(HEADER);
        if (key == null || !"POST".equals(ctx.getMethod()) || isExcluded(ctx.getUriInfo().getRequestUri().getRawPath())) {
            return Uni.createFrom().nullItem();
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ProblemException(400, ProblemCodes.INVALID_IDEMPOTENCY_KEY,
                    "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters").withExtension("field", HEADER);
        }
        String fingerprint = fingerprint(ctx);
        return identity.getDeferredIdentity().chain(who -> store.claim(caller(who, request), key, fingerprint)).map(claim -> {
            if (claim instanceof IdempotencyStore.Claimed c) {
                ctx.setProperty(CLAIM, c);
                return null;
            }
            if (claim instanceof IdempotencyStore.Stored s) {
                return replay(s.answer());
            }
            if (claim instanceof IdempotencyStore.InProgress) {
                return Problem.response(new ProblemException(409, ProblemCodes.IDEMPOTENCY_IN_PROGRESS,
                        "A request with this Idempotency-Key is still being processed; retry shortly").withHeader("Retry-After", "1"));
            }
            return Problem.response(new ProblemException(422, ProblemCodes.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used for a different request").withExtension("field", HEADER));
        });
    }

    @ServerResponseFilter
    public Uni<Void> keep(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(CLAIM) instanceof IdempotencyStore.Claimed claim)) {
            return Uni.createFrom().voidItem();
        }
        int status = response.getStatus();
        if (status >= 500 || status == 429 || status == 401) {
            return store.release(claim);
        }
        JsonObject answer = new JsonObject().put("status", status);
        MediaType type = response.getMediaType();
        if (type != null) {
            answer.put("content_type", type.toString());
        }
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        if (location != null) {
            answer.put("location", location.toString());
        }
        try {
            Object entity = response.getEntity();
            byte[] body = entity == null ? new byte[0]
                    : entity instanceof byte[] b ? b
                    : entity instanceof String s ? s.getBytes(StandardCharsets.UTF_8)
                    : json.writeValueAsBytes(entity);
            answer.put("body", Base64.getEncoder().encodeToString(body));
        } catch (IOException e) {
            LOG.warnf("Answer of %s not kept for Idempotency-Key retries: %s", request.getUriInfo().getPath(), e.getMessage());
            return store.release(claim);
        }
        // a failure to keep the answer must not fail the request that did the work
        return store.complete(claim, answer).onFailure().invoke(f -> LOG.warnf("Idempotent answer not kept: %s", f.toString()))
                .onFailure().recoverWithNull();
    }

    static Response replay(JsonObject answer) {
        Response.ResponseBuilder b = Response.status(answer.getInteger("status")).header(REPLAYED, "true");
        byte[] body = Base64.getDecoder().decode(answer.getString("body", ""));
        if (body.length > 0) {
            b.entity(body);
        }
        if (answer.getString("content_type") != null) {
            b.type(answer.getString("content_type"));
        }
        if (answer.getString("location") != null) {
            b.header(HttpHeaders.LOCATION, answer.getString("location"));
        }
        return b.build();
    }

    private boolean isExcluded(String path) {
        for (String prefix : excluded) {
            if (!prefix.isBlank() && path.startsWith(prefix.trim())) {
                return true;
            }
        }
        return false;
    }

    /** Account of a verified token ({@code sub} and kind), else the client address. */
    static String caller(SecurityIdentity who, HttpServerRequest request) {
        if (who != null && !who.isAnonymous() && who.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            Object typ = jwt.getClaim("typ");
            String kind = typ == null ? "token" : typ.toString().replace("\"", "");
            return kind + ":" + jwt.getSubject();
        }
        return "ip:" + ClientAddress.of(request);
    }

    /** The request a key stands for: method, path with query, content type and body. */
    private static String fingerprint(ContainerRequestContext ctx) {
        byte[] body;
        try (InputStream in = ctx.getEntityStream()) {
            body = in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new ProblemException(400, ProblemCodes.MALFORMED_BODY, "The request body could not be read");
        }
        ctx.setEntityStream(new ByteArrayInputStream(body));
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            String query = ctx.getUriInfo().getRequestUri().getRawQuery();
            md.update((ctx.getMethod() + " " + ctx.getUriInfo().getRequestUri().getRawPath() + "?"
                    + (query == null ? "" : query) + "\n").getBytes(StandardCharsets.UTF_8));
            md.update(body);
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
