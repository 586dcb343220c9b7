-- Package releases (requirement 003 package_releases), per product: semantic versions on a channel.
CREATE TABLE package_releases (
    id              BIGSERIAL PRIMARY KEY,
    product_id      BIGINT       NOT NULL REFERENCES products (id),
    version         VARCHAR(50)  NOT NULL,             -- semantic version, e.g. 1.4.0 or 2.0.0-beta.1
    release_channel VARCHAR(16)  NOT NULL DEFAULT 'stable' CHECK (release_channel IN ('stable', 'dev')),
    download_url    VARCHAR(2048) NOT NULL,
    checksum_sha256 CHAR(64),
    changelog       TEXT,
    download_count  BIGINT       NOT NULL DEFAULT 0,
    published_by    BIGINT       REFERENCES accounts (id),
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (product_id, version)
);
CREATE INDEX package_releases_channel_idx ON package_releases (product_id, release_channel);
