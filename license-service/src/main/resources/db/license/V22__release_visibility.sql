-- Who may list a product's releases, per channel (docs/license-validation.md "Releases"): PUBLIC
-- (anyone) or KEY_GATED (a license key valid for the product, or the product's seller / an admin).
-- Stable stays public by default, as before; non-stable channels default to key-gated.
ALTER TABLE products ADD COLUMN stable_releases VARCHAR(16) NOT NULL DEFAULT 'PUBLIC'
    CHECK (stable_releases IN ('PUBLIC', 'KEY_GATED'));
ALTER TABLE products ADD COLUMN dev_releases    VARCHAR(16) NOT NULL DEFAULT 'KEY_GATED'
    CHECK (dev_releases IN ('PUBLIC', 'KEY_GATED'));
