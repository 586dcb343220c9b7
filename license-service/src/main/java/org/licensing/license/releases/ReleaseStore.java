package org.licensing.license.releases;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The SQL of package releases and of the products' release settings; the resources only decide and answer. */
@ApplicationScoped
public class ReleaseStore {

    private static final String COLUMNS = "id, product_id, version, release_channel, download_url, checksum_sha256, changelog,"
            + " download_count, created_at";

    private final Pool pool;

    public ReleaseStore(Pool pool) {
        this.pool = pool;
    }

    /** The new release, or a null item when this version of the product is already published. */
    public Uni<Release> insert(long productId, String version, String channel, String downloadUrl, String sha256, String changelog,
            long publishedBy) {
        return pool.preparedQuery("INSERT INTO license.package_releases (product_id, version, release_channel, download_url,"
                + " checksum_sha256, changelog, published_by) VALUES ($1, $2, $3, $4, $5, $6, $7)"
                + " ON CONFLICT (product_id, version) DO NOTHING RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { productId, version, channel, downloadUrl, sha256, changelog, publishedBy }))
                .map(rows -> rows.iterator().hasNext() ? fromRow(rows.iterator().next()) : null);
    }

    public Uni<List<Release>> ofProduct(long productId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM license.package_releases WHERE product_id = $1")
                .execute(Tuple.of(productId)).map(rows -> {
                    List<Release> out = new ArrayList<>();
                    rows.forEach(r -> out.add(fromRow(r)));
                    return out;
                });
    }

    /** The release, or a null item. */
    public Uni<Release> byId(long id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM license.package_releases WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? fromRow(rows.iterator().next()) : null);
    }

    public Uni<Void> countDownload(long id) {
        return pool.preparedQuery("UPDATE license.package_releases SET download_count = download_count + 1, updated_at = now()"
                + " WHERE id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    public Uni<Void> delete(long id) {
        return pool.preparedQuery("DELETE FROM license.package_releases WHERE id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    /** The seller of the product, or a null item when there is no such product. */
    public Uni<Long> sellerOf(long productId) {
        return pool.preparedQuery("SELECT seller_id FROM license.products WHERE id = $1").execute(Tuple.of(productId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : null);
    }

    /** The product's setting; the defaults when the product does not exist (callers 404 on their own). */
    public Uni<ReleaseVisibility> visibility(long productId) {
        return pool.preparedQuery("SELECT stable_releases, dev_releases FROM license.products WHERE id = $1")
                .execute(Tuple.of(productId)).map(rows -> rows.iterator().hasNext()
                        ? new ReleaseVisibility(rows.iterator().next().getString("stable_releases"),
                                rows.iterator().next().getString("dev_releases"))
                        : ReleaseVisibility.DEFAULT);
    }

    public Uni<ReleaseVisibility> setVisibility(long productId, String stable, String dev) {
        return pool.preparedQuery("UPDATE license.products SET stable_releases = $2, dev_releases = $3, updated_at = now()"
                + " WHERE id = $1").execute(Tuple.of(productId, stable, dev)).map(x -> new ReleaseVisibility(stable, dev));
    }

    private static Release fromRow(Row r) {
        OffsetDateTime created = r.getOffsetDateTime("created_at");
        return new Release(r.getLong("id"), r.getLong("product_id"), r.getString("version"), r.getString("release_channel"),
                r.getString("download_url"), r.getString("checksum_sha256"), r.getString("changelog"),
                r.getLong("download_count"), created == null ? null : created.toInstant());
    }
}
