-- license-service part 1: details the V2 contract leaves to the owner (additive only).

-- Requirement 003 accounts: HWID reset bookkeeping (shown to admins), and who suspended the account.
ALTER TABLE accounts ADD COLUMN hwid_reset_count   INT NOT NULL DEFAULT 0 CHECK (hwid_reset_count >= 0);
ALTER TABLE accounts ADD COLUMN hwid_last_reset_at TIMESTAMPTZ;
ALTER TABLE accounts ADD COLUMN suspended_at       TIMESTAMPTZ;
ALTER TABLE accounts ADD COLUMN suspended_by       BIGINT REFERENCES accounts (id);
CREATE INDEX accounts_role_idx ON accounts (role, created_at);

-- Products: the rest of the default policy a new license of the product starts from.
ALTER TABLE products ADD COLUMN default_privilege     VARCHAR(16) NOT NULL DEFAULT 'BASIC'
    CHECK (default_privilege IN ('BASIC', 'REGULAR', 'ULTIMATE', 'TESTER', 'STAFF'));
ALTER TABLE products ADD COLUMN default_license_class VARCHAR(16) NOT NULL DEFAULT 'REGULAR'
    CHECK (default_license_class IN ('REGULAR', 'EXTENDED', 'DEVELOPER'));
ALTER TABLE products ADD COLUMN description           TEXT;

-- Licenses: why the last suspension / revocation happened, and the batch a license came from.
ALTER TABLE licenses ADD COLUMN suspension_reason VARCHAR(255);
ALTER TABLE licenses ADD COLUMN revocation_reason VARCHAR(255);
ALTER TABLE licenses ADD COLUMN key_replaced_at   TIMESTAMPTZ;
ALTER TABLE licenses ADD COLUMN batch_id          UUID;
CREATE INDEX licenses_batch_idx ON licenses (batch_id) WHERE batch_id IS NOT NULL;
