-- Offline certificates (docs/license-validation.md "Offline certificates"): every certificate names
-- a device bound to the license (device.devices, owned by device-service) and the SHA-256 of its
-- HWID; it is recorded so that it can be listed and revoked, and a revoked one is refused online.
CREATE TABLE certificates (
    id                     UUID         PRIMARY KEY,           -- certificate_id in the signed payload
    license_id             BIGINT       NOT NULL REFERENCES licenses (id),
    device_row_id          BIGINT       NOT NULL,              -- device.devices(id)
    device_id              VARCHAR(255) NOT NULL,              -- the client's own device identifier
    hwid_hash              CHAR(64)     NOT NULL,              -- SHA-256 hex of the HWID (never the HWID)
    key_id                 VARCHAR(32)  NOT NULL,              -- signing key (Ed25519 key id)
    issued_at              TIMESTAMPTZ  NOT NULL,
    not_after              TIMESTAMPTZ  NOT NULL,
    issued_via             VARCHAR(16)  NOT NULL CHECK (issued_via IN ('ACCOUNT', 'LICENSE_KEY')),
    issued_by_account_id   BIGINT,                             -- null when the application asked with the key
    revoked_at             TIMESTAMPTZ,
    revoked_by_account_id  BIGINT,
    revoked_reason         VARCHAR(255)
);
CREATE INDEX certificates_license_idx ON certificates (license_id, issued_at DESC);
CREATE INDEX certificates_device_idx ON certificates (device_row_id);
