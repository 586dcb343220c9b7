package org.licensing.common.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import jakarta.ws.rs.WebApplicationException;

import org.junit.jupiter.api.Test;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;

class RouteFailureHandlerTest {

    @Test
    void failuresOutsideTheRestLayerKeepTheirMeaning() {
        ProblemException auth = RouteFailureHandler.problemOf(new AuthenticationFailedException(), 500);
        assertEquals(401, auth.status());
        assertEquals("Bearer", auth.headers().get("WWW-Authenticate"));
        assertEquals(403, RouteFailureHandler.problemOf(new ForbiddenException(), 500).status());
        org.junit.jupiter.api.Assertions.assertTrue(RouteFailureHandler.isSecurityFailure(new AuthenticationFailedException()));
        assertEquals(413, RouteFailureHandler.problemOf(new WebApplicationException(413), 500).status());
        assertEquals(503, RouteFailureHandler.problemOf(new java.net.ConnectException("Connection refused"), 500).status());
        assertEquals(404, RouteFailureHandler.problemOf(null, 404).status());
        assertEquals(500, RouteFailureHandler.problemOf(new IOException("disk"), 500).status());
    }
}
