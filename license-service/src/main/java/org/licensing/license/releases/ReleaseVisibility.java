package org.licensing.license.releases;

import org.licensing.common.problem.ProblemException;
import org.licensing.license.LicenseCodes;

/**
 * A product's say over who sees its releases (list, latest, changelogs), per channel: PUBLIC or
 * KEY_GATED. Non-stable channels default to KEY_GATED (pre-releases and their changelogs are not
 * for everyone); stable defaults to PUBLIC. A gated channel is shown to a caller presenting a key
 * valid for the product, or to the product's seller and admins. Pure.
 */
public record ReleaseVisibility(String stable, String dev) {

    public static final String PUBLIC = "PUBLIC";
    public static final String KEY_GATED = "KEY_GATED";
    public static final ReleaseVisibility DEFAULT = new ReleaseVisibility(PUBLIC, KEY_GATED);

    public boolean isPublic(String channel) {
        return PUBLIC.equals("stable".equals(channel) ? stable : dev);
    }

    /** Whether a release of {@code releaseChannel} is shown to this caller. */
    public boolean shows(String releaseChannel, boolean authorized) {
        return authorized || isPublic(releaseChannel);
    }

    /** A caller asking for a gated channel without a valid key or ownership: 403, never an empty list. */
    public void requireListable(String askedChannel, boolean authorized, boolean keyPresented) {
        if (!shows(askedChannel, authorized)) {
            throw new ProblemException(403, LicenseCodes.RELEASES_KEY_REQUIRED, keyPresented
                    ? "The key presented is not valid for this product; its " + askedChannel + " releases are key-gated"
                    : "The " + askedChannel + " releases of this product are key-gated: present a license key of the"
                            + " product (X-License-Key header or key parameter)")
                    .withExtension("channel", askedChannel);
        }
    }

    /** Parses one setting (null keeps {@code current}); 400 naming the field otherwise. */
    public static String setting(String raw, String field, String current) {
        if (raw == null) {
            return current;
        }
        String v = raw.trim().toUpperCase(java.util.Locale.ROOT);
        if (!PUBLIC.equals(v) && !KEY_GATED.equals(v)) {
            throw ProblemException.invalidField(field, "must be PUBLIC or KEY_GATED");
        }
        return v;
    }
}
