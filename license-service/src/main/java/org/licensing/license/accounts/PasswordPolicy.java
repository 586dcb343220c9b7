package org.licensing.license.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.licensing.common.problem.ProblemException;

/**
 * What a new password must be: at least 10 characters, at most 72 bytes in UTF-8 (bcrypt reads
 * only the first 72 bytes, so a longer one would silently be truncated: it is refused rather
 * than pre-hashed, so existing hashes stay plain bcrypt), not blank, not the username or the
 * e-mail address, and not on the list of common passwords shipped in
 * {@code security/common-passwords.txt} (compared case-insensitively).
 */
public final class PasswordPolicy {

    public static final int MIN_CHARS = 10;
    public static final int MAX_BYTES = 72;
    public static final String FIELD = "new_password";

    private static final Set<String> COMMON = load();

    private PasswordPolicy() {}

    /** Checks a new password; {@code field} names it in the 400 answer. */
    public static String check(String field, String password, String username, String email) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_CHARS) {
            throw ProblemException.invalidField(field, "at least " + MIN_CHARS + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw ProblemException.invalidField(field, "at most " + MAX_BYTES + " bytes in UTF-8 (bcrypt's limit)");
        }
        if (password.isBlank()) {
            throw ProblemException.invalidField(field, "must not be blank");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (isCommon(password)) {
            throw ProblemException.invalidField(field, "is too common; choose another");
        }
        if ((username != null && lower.equals(username.toLowerCase(Locale.ROOT)))
                || (email != null && lower.equals(email.toLowerCase(Locale.ROOT)))) {
            throw ProblemException.invalidField(field, "must not be the username or e-mail address");
        }
        return password;
    }

    public static boolean isCommon(String password) {
        return password != null && COMMON.contains(password.toLowerCase(Locale.ROOT));
    }

    static int listSize() {
        return COMMON.size();
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getClassLoader().getResourceAsStream("security/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("security/common-passwords.txt is missing from the build");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String w = line.strip();
                if (!w.isEmpty() && !w.startsWith("#")) {
                    words.add(w.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read security/common-passwords.txt", e);
        }
        return Set.copyOf(words);
    }
}
