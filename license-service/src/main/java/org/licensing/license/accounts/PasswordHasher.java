package org.licensing.license.accounts;

import org.licensing.license.auth.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;


import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * bcrypt through Quarkus' maintained {@link BcryptUtil}. Hashing is deliberately slow, so it runs
 * on a worker thread, never on the event loop. Passwords are never logged.
 */
@ApplicationScoped
public class PasswordHasher {

    private final Vertx vertx;
    private final int cost;
    /** Compared against when the account does not exist, so both paths take the same time. */
    private final String dummyHash;

    public PasswordHasher(Vertx vertx, AuthConfig config) {
        this.vertx = vertx;
        this.cost = config.bcryptCost();
        this.dummyHash = BcryptUtil.bcryptHash("not-a-real-password", cost);
    }

    public Uni<String> hash(String password) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> hashNow(password)));
    }

    public String hashNow(String password) {
        return BcryptUtil.bcryptHash(password, cost);
    }

    /** False for a null hash too (after the same amount of work). */
    public Uni<Boolean> matches(String password, String hash) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            if (hash == null) {
                BcryptUtil.matches(password, dummyHash);
                return false;
            }
            return BcryptUtil.matches(password, hash);
        }));
    }
}
