package org.licensing.sdk;

/** Told when {@link LicensingClient#validate} answers from the grace period because the platform cannot be reached. */
@FunctionalInterface
public interface GraceListener {
    void onGrace(Validation standing, LicensingException cause);
}
