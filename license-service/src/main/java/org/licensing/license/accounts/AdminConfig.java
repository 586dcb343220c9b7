package org.licensing.license.accounts;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The bootstrap administrator ({@code licensing.admin.*}). */
@ConfigMapping(prefix = "licensing.admin")
public interface AdminConfig {

    /** {@code LICENSING_ADMIN_USERNAME} */
    String username();

    /** {@code LICENSING_ADMIN_EMAIL} */
    String email();

    /** {@code LICENSING_ADMIN_PASSWORD}; without one a random password is generated and must be changed. */
    Optional<String> password();
}
