package org.licensing.common.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.junit.jupiter.api.Test;

class PublicApiFilterTest {

    private static Operation op(String tag) {
        return OASFactory.createOperation().addTag(tag).responses(OASFactory.createAPIResponses()
                .addAPIResponse("200", OASFactory.createAPIResponse().description("OK")));
    }

    private static OpenAPI document() {
        Operation validate = op("Validation Resource").requestBody(OASFactory.createRequestBody());
        Operation suspend = op("License Resource")
                .addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearerAuth", List.of("SELLER")))
                .addParameter(OASFactory.createParameter().name("id").in(Parameter.In.PATH));
        suspend.getResponses().addAPIResponse("401", OASFactory.createAPIResponse().description("Not Authorized"));
        Operation named = op("License Resource").operationId("keepMe");
        return OASFactory.createOpenAPI()
                .paths(OASFactory.createPaths()
                        .addPathItem("/api/v1/licenses/validate", OASFactory.createPathItem().POST(validate))
                        .addPathItem("/api/v1/licenses/{id}/suspend", OASFactory.createPathItem().POST(suspend))
                        .addPathItem("/api/v1/licenses", OASFactory.createPathItem().GET(named)));
    }

    @Test
    void everyOperationGetsAnIdItsSecurityAndProblemResponses() {
        OpenAPI api = document();
        new PublicApiFilter().filterOpenAPI(api);

        Operation validate = api.getPaths().getPathItem("/api/v1/licenses/validate").getPOST();
        assertEquals("postLicensesValidate", validate.getOperationId());
        assertNotNull(validate.getSecurity());
        assertTrue(validate.getSecurity().isEmpty(), "anonymous: security: []");
        assertTrue(validate.getResponses().hasAPIResponse("400"));
        assertTrue(validate.getResponses().hasAPIResponse("429"));
        assertFalse(validate.getResponses().hasAPIResponse("401"));
        assertFalse(validate.getResponses().hasAPIResponse("404"), "no path parameter");

        Operation suspend = api.getPaths().getPathItem("/api/v1/licenses/{id}/suspend").getPOST();
        assertEquals("postLicensesByIdSuspend", suspend.getOperationId());
        assertEquals(1, suspend.getSecurity().size());
        for (String status : List.of("400", "401", "403", "404", "429", "503")) {
            APIResponse r = suspend.getResponses().getAPIResponse(status);
            assertNotNull(r, status);
            assertEquals("#/components/schemas/Problem",
                    r.getContent().getMediaType("application/problem+json").getSchema().getRef(), status);
        }
        assertEquals("Not Authorized", suspend.getResponses().getAPIResponse("401").getDescription(), "kept");
        assertNotNull(suspend.getResponses().getAPIResponse("429").getHeaders().get("Retry-After"));

        assertEquals("keepMe", api.getPaths().getPathItem("/api/v1/licenses").getGET().getOperationId());
        assertEquals("/", api.getServers().get(0).getUrl());
        assertNotNull(api.getComponents().getSchemas().get("Problem"));
        assertEquals(List.of("License Resource", "Validation Resource"), api.getTags().stream().map(t -> t.getName()).toList());
        assertTrue(api.getTags().stream().allMatch(t -> t.getDescription() != null && !t.getDescription().isBlank()));
    }

    @Test
    void aDocumentWideRequirementIsNotOverriddenWithAnonymous() {
        OpenAPI api = document().addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearerAuth"));
        new PublicApiFilter().filterOpenAPI(api);
        Operation validate = api.getPaths().getPathItem("/api/v1/licenses/validate").getPOST();
        assertEquals(null, validate.getSecurity());
        assertTrue(validate.getResponses().hasAPIResponse("401"));
    }
}
