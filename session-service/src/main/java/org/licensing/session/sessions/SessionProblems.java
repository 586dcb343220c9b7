package org.licensing.session.sessions;

import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.common.licenses.LicenseUsability;
import org.licensing.common.problem.ProblemException;

import java.time.Instant;

/** Problem codes of client sessions and the license/device checks at session start. */
public final class SessionProblems {
    public static final String LICENSE_NOT_FOUND = "LICENSE_NOT_FOUND";
    public static final String LICENSE_NOT_ACTIVE = "LICENSE_NOT_ACTIVE";
    public static final String LICENSE_SUSPENDED = "LICENSE_SUSPENDED";
    public static final String LICENSE_EXPIRED = "LICENSE_EXPIRED";
    public static final String LICENSE_REVOKED = "LICENSE_REVOKED";
    public static final String DEVICE_NOT_ACTIVATED = "DEVICE_NOT_ACTIVATED";
    public static final String DEVICE_BLOCKED = "DEVICE_BLOCKED";
    public static final String TOO_MANY_SESSIONS = "TOO_MANY_SESSIONS";
    public static final String SESSION_NOT_FOUND = "SESSION_NOT_FOUND";
    public static final String SESSION_ENDED = "SESSION_ENDED";
    public static final String INVALID_SESSION_TOKEN = "INVALID_SESSION_TOKEN";

    public static final String DEVICE_NOT_FOUND = "DEVICE_NOT_FOUND";
    public static final String CONNECTION_NOT_FOUND = "CONNECTION_NOT_FOUND";
    public static final String CONNECTION_ENDED = "CONNECTION_ENDED";

    private SessionProblems() {}

    /** Refuses a license that cannot hold a session right now ({@link LicenseUsability}), in session codes; no I/O. */
    public static void requireUsable(LicenseSnapshot license, Instant now) {
        if (license == null) {
            throw ProblemException.notFound(LICENSE_NOT_FOUND, "No license has this key");
        }
        switch (LicenseUsability.at(license, now)) {
            case USABLE -> { }
            case LAPSED -> throw new ProblemException(403, LICENSE_EXPIRED, "The license expired at " + license.expiresAt());
            case SUSPENDED -> throw new ProblemException(403, LICENSE_SUSPENDED, "The license is suspended");
            case EXPIRED -> throw new ProblemException(403, LICENSE_EXPIRED, "The license has expired");
            case REVOKED -> throw new ProblemException(403, LICENSE_REVOKED, "The license was revoked");
            default -> throw new ProblemException(403, LICENSE_NOT_ACTIVE,
                    "The license is " + license.status() + "; activate a device first");
        }
    }
}
