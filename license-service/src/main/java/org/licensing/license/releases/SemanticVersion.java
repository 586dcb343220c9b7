package org.licensing.license.releases;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Semantic Versioning 2.0.0 parsing and precedence (build metadata ignored, a leading "v" allowed). */
public record SemanticVersion(long major, long minor, long patch, String preRelease, String build)
        implements Comparable<SemanticVersion> {

    private static final Pattern SEMVER = Pattern.compile("^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

    public static SemanticVersion parse(String s) {
        if (s == null) {
            throw new IllegalArgumentException("no version");
        }
        Matcher m = SEMVER.matcher(s.trim());
        if (!m.matches() || s.trim().length() > 50) {
            throw new IllegalArgumentException("not a semantic version (MAJOR.MINOR.PATCH[-pre][+build]): " + s);
        }
        try {
            return new SemanticVersion(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    m.group(4), m.group(5));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("version number too large: " + s);
        }
    }

    public static boolean isValid(String s) {
        try {
            parse(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public int compareTo(SemanticVersion o) {
        int c = Long.compare(major, o.major);
        if (c == 0) {
            c = Long.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Long.compare(patch, o.patch);
        }
        if (c != 0) {
            return c;
        }
        if (preRelease == null || o.preRelease == null) {
            // a release has higher precedence than any of its pre-releases
            return preRelease == null ? (o.preRelease == null ? 0 : 1) : -1;
        }
        String[] a = preRelease.split("\\.");
        String[] b = o.preRelease.split("\\.");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            boolean an = a[i].chars().allMatch(Character::isDigit);
            boolean bn = b[i].chars().allMatch(Character::isDigit);
            int x;
            if (an && bn) {
                x = new java.math.BigInteger(a[i]).compareTo(new java.math.BigInteger(b[i]));
            } else if (an != bn) {
                x = an ? -1 : 1; // numeric identifiers sort before alphanumeric ones
            } else {
                x = a[i].compareTo(b[i]);
            }
            if (x != 0) {
                return x;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    /** The canonical text (without a leading "v"). */
    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease == null ? "" : "-" + preRelease) + (build == null ? "" : "+" + build);
    }
}
