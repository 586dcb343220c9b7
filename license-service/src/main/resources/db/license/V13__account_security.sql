-- Account security (issue 17): forced password change, two-factor sign-in, password reset and
-- e-mail verification tokens, and signed-in sessions (refresh-token families).

ALTER TABLE accounts
    ADD COLUMN must_change_password    BOOLEAN     NOT NULL DEFAULT FALSE,
    ADD COLUMN password_changed_at     TIMESTAMPTZ,
    ADD COLUMN two_factor_secret       TEXT,        -- AES-256-GCM (KeyCipher format), never plain
    ADD COLUMN two_factor_confirmed_at TIMESTAMPTZ, -- 2FA is on when set
    ADD COLUMN two_factor_last_step    BIGINT;      -- last accepted TOTP time step: replays refused

-- Ten single-use recovery codes per enrolment, stored as SHA-256 (they are random, 50+ bits).
CREATE TABLE two_factor_recovery_codes (
    id         BIGSERIAL PRIMARY KEY,
    account_id BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    code_hash  CHAR(64)    NOT NULL,
    used_at    TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (account_id, code_hash)
);

-- Password reset and e-mail verification links: only the SHA-256 of the token is kept.
CREATE TABLE password_reset_tokens (
    id         BIGSERIAL PRIMARY KEY,
    account_id BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    purpose    VARCHAR(24) NOT NULL CHECK (purpose IN ('PASSWORD_RESET', 'EMAIL_VERIFICATION')),
    token_hash CHAR(64)    NOT NULL UNIQUE,
    email      VARCHAR(255) NOT NULL,           -- the address it was sent to
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    ip_address VARCHAR(45),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX password_reset_tokens_account_idx ON password_reset_tokens (account_id, purpose, created_at);

-- A signed-in session: one refresh-token family from sign-in to sign-out. Every rotation adds a
-- row to refresh_tokens; presenting any but the family's current token is a reuse and ends it.
CREATE TABLE auth_sessions (
    id             UUID PRIMARY KEY,
    account_id     BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    current_jti    VARCHAR(64) NOT NULL,
    ip_address     VARCHAR(45),
    user_agent     TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at     TIMESTAMPTZ NOT NULL,
    revoked_at     TIMESTAMPTZ,
    revoked_reason VARCHAR(32)
);
CREATE INDEX auth_sessions_account_idx ON auth_sessions (account_id) WHERE revoked_at IS NULL;

CREATE TABLE refresh_tokens (
    jti               VARCHAR(64) PRIMARY KEY,
    session_id        UUID        NOT NULL REFERENCES auth_sessions (id) ON DELETE CASCADE,
    access_jti        VARCHAR(64),
    access_expires_at TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);
CREATE INDEX refresh_tokens_access_idx ON refresh_tokens (access_jti);
