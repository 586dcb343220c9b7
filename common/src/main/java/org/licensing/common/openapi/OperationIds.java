package org.licensing.common.openapi;

import java.util.Locale;

/**
 * The {@code operationId} of an operation that names none, derived from its HTTP method and path:
 * {@code POST /api/v1/licenses/{id}/suspend} is {@code postLicensesByIdSuspend}. The path is the
 * public contract, so the id survives refactoring of the Java resources (renamed classes or
 * methods) and is unique across the whole gateway: every method and path pair is.
 */
public final class OperationIds {

    private OperationIds() {}

    public static String of(String method, String path) {
        StringBuilder id = new StringBuilder(method.toLowerCase(Locale.ROOT));
        String rest = path.replaceFirst("^/api/v\\d+/", "/").replaceFirst("^/api/", "/");
        for (String segment : rest.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                id.append("By");
                appendWords(id, segment.substring(1, segment.length() - 1).replaceFirst(":.*$", ""));
            } else {
                appendWords(id, segment);
            }
        }
        return id.toString();
    }

    /** {@code sign-in}, {@code verify_key.php}, {@code deviceId} each become capitalized words. */
    private static void appendWords(StringBuilder id, String segment) {
        for (String word : segment.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
    }
}
