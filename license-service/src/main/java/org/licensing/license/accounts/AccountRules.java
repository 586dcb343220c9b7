package org.licensing.license.accounts;

import java.util.Locale;
import java.util.regex.Pattern;

import org.licensing.common.auth.Roles;
import org.licensing.common.problem.ProblemException;

/** Input rules of registration, plain and unit-tested. */
public final class AccountRules {

    public static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9_.-]{2,63}$");
    public static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
    /** The prefix of segmented keys: must satisfy LicenseKeyFormat's {@code [A-Z0-9]{2,32}}. */
    public static final Pattern SELLER_NAME = Pattern.compile("^[A-Z0-9]{2,32}$");
    public static final int PASSWORD_MIN = 8;
    public static final int PASSWORD_MAX = 128;

    private AccountRules() {}

    public static String username(String raw) {
        String v = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(v).matches()) {
            throw ProblemException.invalidField("username",
                    "3 to 64 of a-z, 0-9, '_', '.', '-', starting with a letter or digit");
        }
        return v;
    }

    public static String email(String raw) {
        String v = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        if (v.length() > 255 || !EMAIL.matcher(v).matches()) {
            throw ProblemException.invalidField("email", "is not an e-mail address");
        }
        return v;
    }

    public static String password(String raw) {
        if (raw == null || raw.length() < PASSWORD_MIN || raw.length() > PASSWORD_MAX) {
            throw ProblemException.invalidField("password", PASSWORD_MIN + " to " + PASSWORD_MAX + " characters");
        }
        if (raw.isBlank()) {
            throw ProblemException.invalidField("password", "must not be blank");
        }
        return raw;
    }

    /** Self-registration gives SELLER or CUSTOMER (default); admins come from configuration. */
    public static String selfRegistrationRole(String raw) {
        if (raw == null || raw.isBlank()) {
            return Roles.CUSTOMER;
        }
        String v = raw.trim().toUpperCase(Locale.ROOT);
        if (!v.equals(Roles.SELLER) && !v.equals(Roles.CUSTOMER)) {
            throw ProblemException.invalidField("role", "must be SELLER or CUSTOMER");
        }
        return v;
    }

    /** Required for sellers, refused for others. */
    public static String sellerName(String role, String raw) {
        boolean given = raw != null && !raw.isBlank();
        if (!Roles.SELLER.equals(role)) {
            if (given) {
                throw ProblemException.invalidField("seller_name", "only sellers have a seller name");
            }
            return null;
        }
        if (!given) {
            throw ProblemException.invalidField("seller_name", "is required for sellers");
        }
        String v = raw.trim();
        if (!SELLER_NAME.matcher(v).matches()) {
            throw ProblemException.invalidField("seller_name", "2 to 32 uppercase letters or digits");
        }
        return v;
    }
}
