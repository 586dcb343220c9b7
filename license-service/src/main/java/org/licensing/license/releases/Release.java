package org.licensing.license.releases;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A published version of a product. {@code download_url} is shown to the product's seller and admins only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Release(long id, long productId, String version, String channel, String downloadUrl, String checksumSha256,
        String changelog, long downloadCount, Instant createdAt) {

    public Release withoutUrl() {
        return new Release(id, productId, version, channel, null, checksumSha256, changelog, downloadCount, createdAt);
    }
}
