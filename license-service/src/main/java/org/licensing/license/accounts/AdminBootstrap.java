package org.licensing.license.accounts;

import java.time.Duration;

import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/** Creates the first admin from configuration at start-up, once (see {@link AccountService#ensureAdmin}). */
@jakarta.enterprise.context.ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    void onStart(@Observes StartupEvent event, AccountService accounts, AdminConfig config) {
        String username = config.username();
        String email = config.email();
        java.util.Optional<String> password = config.password();
        boolean created = accounts.ensureAdmin(username, email, password).await().atMost(Duration.ofSeconds(30));
        if (created) {
            LOG.infof("Created the first admin account '%s'%s", username, password.filter(p -> !p.isBlank()).isPresent() ? ""
                    : " with the password " + AccountService.DEFAULT_ADMIN_PASSWORD + ": it must be changed at first sign-in");
        }
    }
}
