-- Core of the license schema. Other services read these tables (never write them):
-- device-service and session-service read licenses/products, stats-service reads ownership.

CREATE TABLE accounts (
    id                BIGSERIAL PRIMARY KEY,
    username          VARCHAR(64)  NOT NULL UNIQUE,
    email             VARCHAR(255) NOT NULL UNIQUE,
    password_hash     VARCHAR(255) NOT NULL,
    role              VARCHAR(16)  NOT NULL CHECK (role IN ('ADMIN', 'SELLER', 'CUSTOMER')),
    seller_name       VARCHAR(32)  UNIQUE,           -- prefix of segmented keys, sellers only
    is_suspended      BOOLEAN      NOT NULL DEFAULT FALSE,
    suspension_reason VARCHAR(255),
    suspended_until   TIMESTAMPTZ,
    last_login_at     TIMESTAMPTZ,
    last_ip_address   VARCHAR(45),
    last_user_agent   TEXT,
    email_verified_at TIMESTAMPTZ,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX accounts_created_idx ON accounts (created_at);
CREATE INDEX accounts_suspended_idx ON accounts (suspended_until) WHERE is_suspended;

CREATE TABLE products (
    id                   BIGSERIAL PRIMARY KEY,
    seller_id            BIGINT       NOT NULL REFERENCES accounts (id),
    code                 VARCHAR(32)  NOT NULL,      -- API, SCRIPT, PLUGIN, ...
    name                 VARCHAR(255) NOT NULL,
    key_scheme           VARCHAR(16)  NOT NULL DEFAULT 'SEGMENTED'
                         CHECK (key_scheme IN ('SEGMENTED', 'CHECKSUMMED', 'OPAQUE')),
    default_term         VARCHAR(16)  NOT NULL DEFAULT 'LIFETIME'
                         CHECK (default_term IN ('LIFETIME', 'ANNUAL', 'MONTHLY', 'TRIAL', 'ONE_TIME')),
    default_duration_days INT,
    default_max_devices  INT          NOT NULL DEFAULT 1 CHECK (default_max_devices >= 0),
    default_max_sessions INT          CHECK (default_max_sessions IS NULL OR default_max_sessions >= 0),
    default_usage_limits JSONB        NOT NULL DEFAULT '{}'::jsonb,
    created_at           TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (seller_id, code)
);

CREATE TABLE licenses (
    id                  BIGSERIAL PRIMARY KEY,
    key_hash            CHAR(64)     NOT NULL UNIQUE,  -- HMAC-SHA256 (hex) of the normalized key
    key_encrypted       TEXT         NOT NULL,         -- AES-GCM, so owner and seller can read it again
    key_scheme          VARCHAR(16)  NOT NULL CHECK (key_scheme IN ('SEGMENTED', 'CHECKSUMMED', 'OPAQUE')),
    key_hint            VARCHAR(16)  NOT NULL,         -- last characters, for lists
    product_id          BIGINT       NOT NULL REFERENCES products (id),
    seller_id           BIGINT       NOT NULL REFERENCES accounts (id),
    owner_account_id    BIGINT       REFERENCES accounts (id),
    type                VARCHAR(8)   NOT NULL DEFAULT 'BASE' CHECK (type IN ('BASE', 'UPGRADE')),
    license_class       VARCHAR(16)  NOT NULL DEFAULT 'REGULAR'
                        CHECK (license_class IN ('REGULAR', 'EXTENDED', 'DEVELOPER')),
    privilege           VARCHAR(16)  NOT NULL DEFAULT 'BASIC'
                        CHECK (privilege IN ('BASIC', 'REGULAR', 'ULTIMATE', 'TESTER', 'STAFF')),
    term                VARCHAR(16)  NOT NULL DEFAULT 'LIFETIME'
                        CHECK (term IN ('LIFETIME', 'ANNUAL', 'MONTHLY', 'TRIAL', 'ONE_TIME')),
    duration_days       INT,                           -- time-based terms start at activation
    status              VARCHAR(16)  NOT NULL DEFAULT 'UNUSED'
                        CHECK (status IN ('UNUSED', 'ACTIVE', 'SUSPENDED', 'EXPIRED', 'UPGRADED', 'REVOKED')),
    max_devices         INT          NOT NULL DEFAULT 1 CHECK (max_devices >= 0),
    max_sessions        INT          CHECK (max_sessions IS NULL OR max_sessions >= 0),  -- NULL: unlimited
    usage_limits        JSONB        NOT NULL DEFAULT '{}'::jsonb,
    domain_restrictions JSONB        NOT NULL DEFAULT '[]'::jsonb,  -- ["example.com", "*.example.com"]
    ip_restrictions     JSONB        NOT NULL DEFAULT '[]'::jsonb,  -- ["203.0.113.7", "10.0.0.0/8", "2001:db8::/32"]
    auto_renew          BOOLEAN      NOT NULL DEFAULT FALSE,
    expires_at          TIMESTAMPTZ,                   -- NULL: never
    activated_at        TIMESTAMPTZ,
    suspended_at        TIMESTAMPTZ,
    revoked_at          TIMESTAMPTZ,
    last_validated_at   TIMESTAMPTZ,
    last_used_at        TIMESTAMPTZ,
    created_from_ip     VARCHAR(45),
    notes               TEXT,
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX licenses_product_idx ON licenses (product_id, status);
CREATE INDEX licenses_seller_idx ON licenses (seller_id, status);
CREATE INDEX licenses_owner_idx ON licenses (owner_account_id, status);
CREATE INDEX licenses_expiry_idx ON licenses (status, expires_at);
CREATE INDEX licenses_activated_idx ON licenses (activated_at);
CREATE INDEX licenses_privilege_idx ON licenses (privilege, created_at);
