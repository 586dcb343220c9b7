-- Requirement 003 upgrades: an UPGRADE key redeemed over an active BASE license of the same product.
CREATE TABLE upgrades (
    id           BIGSERIAL PRIMARY KEY,
    account_id   BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    license_from BIGINT      NOT NULL REFERENCES licenses (id),
    license_to   BIGINT      NOT NULL UNIQUE REFERENCES licenses (id),
    notes        TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX upgrades_account_idx ON upgrades (account_id);
CREATE INDEX upgrades_updated_idx ON upgrades (updated_at);
