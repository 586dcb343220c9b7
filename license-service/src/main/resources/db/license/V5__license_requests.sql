-- Requirement 004 customer portal: extension and transfer requests the seller approves or refuses.
CREATE TABLE license_requests (
    id                BIGSERIAL PRIMARY KEY,
    license_id        BIGINT       NOT NULL REFERENCES licenses (id),
    seller_id         BIGINT       NOT NULL REFERENCES accounts (id),
    kind              VARCHAR(16)  NOT NULL CHECK (kind IN ('EXTENSION', 'TRANSFER')),
    status            VARCHAR(16)  NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REFUSED')),
    requested_by      BIGINT       NOT NULL REFERENCES accounts (id),
    target_account_id BIGINT       REFERENCES accounts (id),   -- TRANSFER: the receiving account
    days              INT          CHECK (days IS NULL OR days > 0),  -- EXTENSION: days asked for
    message           TEXT,
    decided_by        BIGINT       REFERENCES accounts (id),
    decision_note     TEXT,
    decided_at        TIMESTAMPTZ,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX license_requests_seller_idx ON license_requests (seller_id, status, created_at);
CREATE INDEX license_requests_license_idx ON license_requests (license_id, created_at);
-- One open request of each kind per license.
CREATE UNIQUE INDEX license_requests_one_pending ON license_requests (license_id, kind) WHERE status = 'PENDING';
