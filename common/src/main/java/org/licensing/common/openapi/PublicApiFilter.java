package org.licensing.common.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.tags.Tag;
import org.licensing.common.problem.Problem;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Completes every service's OpenAPI document at build time, so clients generated from it (and the
 * gateway's merged document) need no per-operation annotations, including for operations added
 * later: a stable {@code operationId} ({@link OperationIds}) when none is given, {@code security: []}
 * on anonymous operations (Quarkus adds the bearer requirement to {@code @RolesAllowed} and
 * {@code @Authenticated} ones), the problem responses every operation can give
 * ({@link ProblemResponses}) with one shared {@code Problem} schema, a server and tag descriptions.
 * What a resource or {@code META-INF/openapi.yaml} declares itself is kept.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class PublicApiFilter implements OASFilter {

    static final String PROBLEM_SCHEMA = "Problem";
    static final String RETRY_AFTER = "RetryAfter";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getServers() == null || api.getServers().isEmpty()) {
            // Relative: resolved against where the document was fetched (the gateway, or a service).
            api.addServer(OASFactory.createServer().url("/")
                    .description("The gateway (or the service) that served this document"));
        }
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.setComponents(components);
        components.addSchema(PROBLEM_SCHEMA, problemSchema());
        components.addHeader(RETRY_AFTER, OASFactory.createHeader()
                .description("Seconds to wait before trying again")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        boolean globalSecurity = api.getSecurity() != null && !api.getSecurity().isEmpty();
        Set<String> tags = new TreeSet<>();
        if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
            api.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                    .forEach((method, op) -> complete(path, method, op, item, globalSecurity, tags)));
        }
        describeTags(api, tags);
    }

    private static void complete(String path, PathItem.HttpMethod method, Operation op, PathItem item,
            boolean globalSecurity, Set<String> tags) {
        if (op.getOperationId() == null || op.getOperationId().isBlank()) {
            op.setOperationId(OperationIds.of(method.name(), path));
        }
        boolean secured = op.getSecurity() != null ? !op.getSecurity().isEmpty() : globalSecurity;
        if (op.getSecurity() == null && !globalSecurity) {
            op.setSecurity(new ArrayList<>()); // explicitly anonymous: security: []
        }
        if (op.getTags() != null) {
            tags.addAll(op.getTags());
        }
        APIResponses responses = op.getResponses() == null ? OASFactory.createAPIResponses() : op.getResponses();
        op.setResponses(responses);
        boolean hasInput = op.getRequestBody() != null || hasParameters(op) || hasParameters(item);
        for (Map.Entry<String, String> e : ProblemResponses.expected(path, hasInput, secured).entrySet()) {
            if (!responses.hasAPIResponse(e.getKey())) {
                responses.addAPIResponse(e.getKey(), OASFactory.createAPIResponse().description(e.getValue()));
            }
        }
        Map<String, APIResponse> all = responses.getAPIResponses() == null ? Map.of() : responses.getAPIResponses();
        all.forEach((status, response) -> {
            if (!ProblemResponses.isError(status)) {
                return;
            }
            if (response.getDescription() == null || response.getDescription().isBlank()) {
                response.setDescription(ProblemResponses.describe(status));
            }
            if (response.getContent() == null || response.getContent().getMediaTypes() == null
                    || response.getContent().getMediaTypes().isEmpty()) {
                response.setContent(problemContent());
            }
            if (("429".equals(status) || "503".equals(status))
                    && (response.getHeaders() == null || !response.getHeaders().containsKey("Retry-After"))) {
                response.addHeader("Retry-After", OASFactory.createHeader().ref(RETRY_AFTER));
            }
        });
    }

    private static boolean hasParameters(Operation op) {
        return op.getParameters() != null && !op.getParameters().isEmpty();
    }

    private static boolean hasParameters(PathItem item) {
        List<Parameter> p = item.getParameters();
        return p != null && !p.isEmpty();
    }

    /** The one problem+json content (the shared {@code Problem} schema) of every error response. */
    public static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA)));
    }

    /** Tags the operations use but the document does not describe get a description. */
    private static void describeTags(OpenAPI api, Set<String> used) {
        Map<String, Tag> byName = new LinkedHashMap<>();
        if (api.getTags() != null) {
            api.getTags().forEach(t -> byName.put(t.getName(), t));
        }
        for (String name : used) {
            byName.computeIfAbsent(name, n -> OASFactory.createTag().name(n));
        }
        List<Tag> tags = new ArrayList<>();
        byName.values().forEach(t -> {
            if (t.getDescription() == null || t.getDescription().isBlank()) {
                t.setDescription(t.getName() + " operations");
            }
            tags.add(t);
        });
        tags.sort((a, b) -> a.getName().compareTo(b.getName()));
        api.setTags(tags);
    }

    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details with a stable machine code; some codes add fields")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri"))
                .addProperty("title", string)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("code", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("Stable machine code, e.g. VALIDATION_FAILED, RATE_LIMITED"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError)
                        .description("The fields that failed validation"))
                .addRequired("status").addRequired("code")
                .additionalPropertiesBoolean(Boolean.TRUE);
    }
}
