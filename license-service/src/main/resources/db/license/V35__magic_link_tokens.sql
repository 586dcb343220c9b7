-- Magic-link sign-in (customers): its single-use tokens live beside the password-reset and
-- e-mail-verification ones, hashed the same way, with their own purpose.
ALTER TABLE password_reset_tokens DROP CONSTRAINT password_reset_tokens_purpose_check;
ALTER TABLE password_reset_tokens ADD CONSTRAINT password_reset_tokens_purpose_check
    CHECK (purpose IN ('PASSWORD_RESET', 'EMAIL_VERIFICATION', 'MAGIC_LINK'));
