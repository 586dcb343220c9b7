package org.licensing.license.releases;

/** Body of {@code POST /api/v1/releases}. */
public record ReleaseRequest(Long productId, String version, String channel, String downloadUrl, String sha256,
        String changelog) {}
