package org.licensing.common.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A JSON value broke an {@link InputRules} rule while the body was read. A mapping exception so
 * that Jackson passes it through unchanged; mapped to a 400 naming {@link #field()}.
 */
public class InputRefusedException extends JsonMappingException {

    private final String field;
    private final String reason;

    public InputRefusedException(JsonParser parser, String field, String reason) {
        super(parser, shorten(field) + ": " + reason);
        this.field = shorten(field);
        this.reason = reason;
    }

    /** A field path built from client-chosen keys is echoed back: keep it short. */
    private static String shorten(String field) {
        return field.length() <= 100 ? field : field.substring(0, 100) + "...";
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
