package org.licensing.license.releases;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Roles;
import org.licensing.common.http.ClientAddress;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.ratelimit.RateLimited;
import org.licensing.common.auth.Caller;
import org.licensing.common.auth.LicenseAccess;
import org.licensing.license.validation.ValidationService;
import org.licensing.license.LicenseCodes;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Package releases (requirement 003): sellers publish versions of their products; clients ask for
 * the latest of a channel or whether a newer one exists; a download is a 302 to the file after
 * the presented key validated for the release's product, and it is counted. Listing a channel the
 * product keeps key-gated ({@link ReleaseVisibility}) needs a key of the product too.
 */
@Path("/api/v1/releases")
@Produces(MediaType.APPLICATION_JSON)
public class ReleaseResource {


    public record Latest(Release release, String current, Boolean updateAvailable) {}

    private static final String COLUMNS = "id, product_id, version, release_channel, download_url, checksum_sha256, changelog,"
            + " download_count, created_at";

    private final Pool pool;
    private final JsonWebToken jwt;
    private final SecurityIdentity identity;
    private final ValidationService validation;

    public ReleaseResource(Pool pool, JsonWebToken jwt, SecurityIdentity identity, ValidationService validation) {
        this.pool = pool;
        this.jwt = jwt;
        this.identity = identity;
        this.validation = validation;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.SELLER })
    public Uni<Response> publish(ReleaseRequest body) {
        Caller access = Caller.of(jwt);
        ReleaseRules.check(body);
        String channel = ReleaseRules.channel(body.channel(), "channel");
        String version = SemanticVersion.parse(body.version()).toString();
        return requireProductOf(access, body.productId()).chain(() -> pool.preparedQuery(
                "INSERT INTO license.package_releases (product_id, version, release_channel, download_url, checksum_sha256,"
                        + " changelog, published_by) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (product_id, version) DO NOTHING"
                        + " RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { body.productId(), version, channel, body.downloadUrl().trim(),
                        body.sha256() == null ? null : body.sha256().toLowerCase(), body.changelog(), access.accountId() })))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ProblemException.conflict(LicenseCodes.RELEASE_EXISTS, "Version " + version + " of this product is already published");
                    }
                    Release r = fromRow(rows.iterator().next());
                    return Response.created(URI.create("/api/v1/releases/" + r.id())).entity(r).build();
                });
    }

    @GET
    public Uni<List<Release>> list(@QueryParam("product_id") Long productId, @QueryParam("channel") String channel,
            @QueryParam("key") String keyParam, @HeaderParam("X-License-Key") String keyHeader, @Context HttpServerRequest http) {
        if (productId == null) {
            throw ProblemException.invalidField("product_id", "is required");
        }
        String c = ReleaseRules.channel(channel, "channel");
        String key = key(keyHeader, keyParam);
        return audience(productId, key, http).chain(aud -> releasesOf(productId).map(all -> {
            aud.visibility().requireListable(c, aud.authorized(), key != null);
            List<Release> out = new ArrayList<>();
            all.stream().filter(r -> ReleaseRules.visibleOn(r.channel(), c) && aud.visibility().shows(r.channel(), aud.authorized()))
                    .sorted((a, b) -> SemanticVersion.parse(b.version()).compareTo(SemanticVersion.parse(a.version())))
                    .forEach(r -> out.add(aud.owner() ? r : r.withoutUrl()));
            return out;
        }));
    }

    /** The newest release of a channel; with {@code current}, also whether it is newer than the client's. */
    @GET
    @Path("latest")
    public Uni<Latest> latest(@QueryParam("product_id") Long productId, @QueryParam("channel") String channel,
            @QueryParam("current") String current, @QueryParam("key") String keyParam,
            @HeaderParam("X-License-Key") String keyHeader, @Context HttpServerRequest http) {
        if (productId == null) {
            throw ProblemException.invalidField("product_id", "is required");
        }
        if (current != null && !SemanticVersion.isValid(current)) {
            throw ProblemException.invalidField("current", "must be a semantic version");
        }
        String c = ReleaseRules.channel(channel, "channel");
        String key = key(keyHeader, keyParam);
        return audience(productId, key, http).chain(aud -> releasesOf(productId).map(all -> {
            aud.visibility().requireListable(c, aud.authorized(), key != null);
            List<Release> shown = all.stream().filter(r -> aud.visibility().shows(r.channel(), aud.authorized())).toList();
            Release latest = ReleaseRules.latest(shown, c).orElseThrow(
                    () -> ProblemException.notFound(LicenseCodes.RELEASE_NOT_FOUND, "No " + c + " release of product " + productId));
            return new Latest(aud.owner() ? latest : latest.withoutUrl(), current,
                    current == null ? null : ReleaseRules.isNewer(latest, current));
        }));
    }

    /** Who is asking: the product's seller or an admin (sees URLs and everything), or holds a valid key of it. */
    record Audience(ReleaseVisibility visibility, boolean owner, boolean authorized) {}

    private Uni<Audience> audience(long productId, String key, HttpServerRequest http) {
        return ReleaseVisibilityResource.of(pool, productId).chain(v -> showUrls(productId).chain(owner -> {
            if (owner || key == null) {
                return Uni.createFrom().item(new Audience(v, owner, owner));
            }
            return validation.assess(key, Long.toString(productId), null, null, null, ClientAddress.of(http))
                    .map(a -> new Audience(v, false, a.outcome().valid()));
        }));
    }

    private static String key(String header, String param) {
        String k = header != null && !header.isBlank() ? header : param;
        return k == null || k.isBlank() ? null : k;
    }

    /** 302 to the file, for a key that validates for the release's product (header X-License-Key or ?key=). */
    @GET
    @Path("{id}/download")
    @RateLimited("validate")
    public Uni<Response> download(@PathParam("id") long id, @QueryParam("key") String keyParam,
            @HeaderParam("X-License-Key") String keyHeader, @Context HttpServerRequest http) {
        String key = keyHeader != null && !keyHeader.isBlank() ? keyHeader : keyParam;
        if (key == null || key.isBlank()) {
            throw ProblemException.invalidField("key", "a license key is required (X-License-Key header or key parameter)");
        }
        return byId(id).chain(r -> validation.assess(key, Long.toString(r.productId()), null, null, null, ClientAddress.of(http))
                .chain(a -> {
                    if (!a.outcome().valid()) {
                        return Uni.createFrom().failure(new ProblemException(403, LicenseCodes.LICENSE_INVALID,
                                "Downloading needs a valid license of the product: " + a.outcome().detail())
                                .withExtension("validation_code", a.outcome().code()));
                    }
                    return pool.preparedQuery("UPDATE license.package_releases SET download_count = download_count + 1,"
                            + " updated_at = now() WHERE id = $1").execute(Tuple.of(id))
                            .map(x -> Response.status(302).location(URI.create(r.downloadUrl())).build());
                }));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.SELLER })
    public Uni<Response> withdraw(@PathParam("id") long id) {
        Caller access = Caller.of(jwt);
        return byId(id).chain(r -> requireProductOf(access, r.productId()))
                .chain(() -> pool.preparedQuery("DELETE FROM license.package_releases WHERE id = $1").execute(Tuple.of(id)))
                .map(x -> Response.noContent().build());
    }

    private Uni<Void> requireProductOf(Caller access, long productId) {
        return pool.preparedQuery("SELECT seller_id FROM license.products WHERE id = $1").execute(Tuple.of(productId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ProblemException.notFound(LicenseCodes.PRODUCT_NOT_FOUND, "No product " + productId);
                    }
                    long seller = rows.iterator().next().getLong(0);
                    if (!access.isAdmin() && seller != access.accountId()) {
                        throw ProblemException.notFound(LicenseCodes.PRODUCT_NOT_FOUND, "No product " + productId);
                    }
                    return null;
                });
    }

    /** Download URLs are shown to the product's seller and admins; everyone else downloads through the check. */
    private Uni<Boolean> showUrls(long productId) {
        if (identity.isAnonymous() || jwt.getSubject() == null) {
            return Uni.createFrom().item(false);
        }
        Caller access;
        try {
            access = Caller.of(jwt);
        } catch (ProblemException e) {
            return Uni.createFrom().item(false);
        }
        if (access.isAdmin()) {
            return Uni.createFrom().item(true);
        }
        return pool.preparedQuery("SELECT 1 FROM license.products WHERE id = $1 AND seller_id = $2")
                .execute(Tuple.of(productId, access.accountId())).map(rows -> rows.iterator().hasNext());
    }

    private Uni<List<Release>> releasesOf(long productId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM license.package_releases WHERE product_id = $1")
                .execute(Tuple.of(productId)).map(rows -> {
                    List<Release> out = new ArrayList<>();
                    rows.forEach(r -> out.add(fromRow(r)));
                    return out;
                });
    }

    private Uni<Release> byId(long id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM license.package_releases WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ProblemException.notFound(LicenseCodes.RELEASE_NOT_FOUND, "No release " + id);
                    }
                    return fromRow(rows.iterator().next());
                });
    }

    private static Release fromRow(Row r) {
        OffsetDateTime created = r.getOffsetDateTime("created_at");
        return new Release(r.getLong("id"), r.getLong("product_id"), r.getString("version"), r.getString("release_channel"),
                r.getString("download_url"), r.getString("checksum_sha256"), r.getString("changelog"),
                r.getLong("download_count"), created == null ? null : created.toInstant());
    }

}
