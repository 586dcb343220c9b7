package org.licensing.common.problem;

import java.io.IOException;

/**
 * A form body the REST layer's form parser could not read (invalid percent-encoding, a truncated
 * or malformed multipart body): the client's fault, answered 400 {@link ProblemCodes#MALFORMED_FORM}. Told
 * apart from a bug by where it was thrown: inside the form and multipart parsers.
 */
public final class FormFailures {

    private static final String[] PARSER_CLASSES = {
            "org.jboss.resteasy.reactive.server.core.multipart.",
            "org.jboss.resteasy.reactive.common.util.URLUtils",
            "io.netty.handler.codec.http.multipart.",
            "io.vertx.core.http.impl.HttpServerRequestImpl", "io.vertx.core.http.impl.Http1xServerRequest" };

    private FormFailures() {}

    public static boolean isMalformedForm(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!(t instanceof IllegalArgumentException || t instanceof IOException || t instanceof IllegalStateException
                    || t.getClass().getName().startsWith("io.netty.handler.codec"))) {
                continue;
            }
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, 8); i++) {
                for (String c : PARSER_CLASSES) {
                    if (frames[i].getClassName().startsWith(c)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    public static ProblemException refusal(Throwable failure) {
        String why = "is not a readable form (invalid percent-encoding or a truncated or malformed multipart body)";
        return new ProblemException(400, ProblemCodes.MALFORMED_FORM, "body: " + why,
                java.util.List.of(new ProblemException.FieldError("body", why)), java.util.Map.of(), java.util.Map.of());
    }
}
