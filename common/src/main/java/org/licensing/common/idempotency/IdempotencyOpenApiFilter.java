package org.licensing.common.idempotency;

import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import org.licensing.common.openapi.ProblemResponses;
import org.licensing.common.openapi.PublicApiFilter;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Documents {@code Idempotency-Key} on every POST operation that honours it (all but the excluded
 * paths and the heartbeat), as one shared header parameter ({@code components/parameters/IdempotencyKey}).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class IdempotencyOpenApiFilter implements OASFilter {

    static final String NAME = "IdempotencyKey";
    static final String HEARTBEAT = "/api/v1/sessions/heartbeat";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        List<String> excluded = ConfigProvider.getConfig()
                .getOptionalValues("licensing.idempotency.excluded-paths", String.class).orElse(List.of());
        boolean used = false;
        for (var entry : openAPI.getPaths().getPathItems().entrySet()) {
            String path = entry.getKey();
            PathItem item = entry.getValue();
            Operation post = item.getPOST();
            if (post == null || HEARTBEAT.equals(path) || excluded.stream().anyMatch(p -> !p.isBlank() && path.startsWith(p.trim()))) {
                continue;
            }
            boolean present = post.getParameters() != null && post.getParameters().stream()
                    .anyMatch(p -> p.getRef() != null && p.getRef().endsWith("/" + NAME));
            if (!present) {
                post.addParameter(OASFactory.createParameter().ref("#/components/parameters/" + NAME));
            }
            // A malformed key is a 400 (INVALID_IDEMPOTENCY_KEY). Said here, complete, so the document
            // does not depend on whether PublicApiFilter (which adds 400 to operations with input) runs first.
            if (post.getResponses() == null) {
                post.setResponses(OASFactory.createAPIResponses());
            }
            if (!post.getResponses().hasAPIResponse("400")) {
                post.getResponses().addAPIResponse("400", OASFactory.createAPIResponse()
                        .description(ProblemResponses.describe("400")).content(PublicApiFilter.problemContent()));
            }
            used = true;
        }
        if (used) {
            if (openAPI.getComponents() == null) {
                openAPI.setComponents(OASFactory.createComponents());
            }
            openAPI.getComponents().addParameter(NAME, OASFactory.createParameter()
                    .name(IdempotencyFilter.HEADER).in(Parameter.In.HEADER).required(false)
                    .description("Makes a retry safe: the first answer to this key (per caller) is kept for 24 h and "
                            + "returned again, with Idempotent-Replayed: true, to a retry with the same request; the "
                            + "same key with another request answers 422 IDEMPOTENCY_KEY_REUSED, and while the first "
                            + "request runs 409 IDEMPOTENCY_IN_PROGRESS.")
                    .schema(OASFactory.createSchema().addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING)
                            .minLength(1).maxLength(IdempotencyFilter.MAX_KEY_LENGTH)));
        }
    }
}
