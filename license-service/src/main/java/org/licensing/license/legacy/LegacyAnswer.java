package org.licensing.license.legacy;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The answer shape deployed clients of requirements 000/001 parse: status success|error|blocked. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LegacyAnswer(String status, String message, String code) {

    public static LegacyAnswer success(String message, String code) {
        return new LegacyAnswer("success", message, code);
    }

    public static LegacyAnswer error(String message, String code) {
        return new LegacyAnswer("error", message, code);
    }

    public static LegacyAnswer blocked(String message, String code) {
        return new LegacyAnswer("blocked", message, code);
    }
}
