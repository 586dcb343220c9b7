package org.licensing.license.accounts;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Operator settings of accounts and their security mail ({@code licensing.accounts.*}). */
@ConfigMapping(prefix = "licensing.accounts")
public interface AccountsConfig {

    /** Sellers issue, and mail goes out, only once an address is verified ({@code EMAIL_VERIFICATION_REQUIRED}). */
    @WithDefault("true")
    boolean emailVerificationRequired();

    /** Life of an e-mail verification link ({@code EMAIL_VERIFICATION_TTL}). */
    @WithDefault("48h")
    Duration emailVerificationTtl();

    /** Life of a password reset link ({@code PASSWORD_RESET_TTL}). */
    @WithDefault("1h")
    Duration passwordResetTtl();

    /** Life of a magic sign-in link ({@code MAGIC_LINK_TTL}). */
    @WithDefault("15m")
    Duration magicLinkTtl();

    /** Base address of links in mail ({@code LICENSING_PUBLIC_URL}). */
    @WithDefault("http://127.0.0.1:8080")
    String publicUrl();

    /** How often timed account suspensions are lifted; read by the job's schedule expression. */
    @WithDefault("60s")
    String suspensionLiftEvery();

    /** Accounts lifted per run. */
    @WithDefault("500")
    int suspensionLiftBatch();
}
