package dev.devgodzilla.support.rest;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Adds to every operation of a service's OpenAPI document the answers it gives when something is wrong: a
 * {@code 4XX} and a {@code 5XX} {@value Problem#MEDIA_TYPE} body (RFC 9457), described once as the
 * {@code Problem} schema. Every service answers errors that way (see {@link ProblemMappers}), so clients can
 * generate one error type from the document. Enabled by {@code mp.openapi.filter}.
 */
public class ProblemResponses implements OASFilter {
    static final String SCHEMA = "Problem";

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() != null) {
            add(operation, "4XX", "The request cannot be served as sent (invalid field, missing token, unknown"
                    + " resource, conflict, version mismatch); the detail says why and errors name each field");
            add(operation, "5XX", "The service cannot serve it now");
        }
        return operation;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        if (components.getSchemas() == null || !components.getSchemas().containsKey(SCHEMA)) {
            components.addSchema(SCHEMA, problemSchema());
        }
    }

    private static void add(Operation operation, String status, String description) {
        Map<String, APIResponse> responses = operation.getResponses().getAPIResponses();
        if (responses != null && responses.containsKey(status)) {
            return;
        }
        operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(SCHEMA)))));
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().type(List.of(SchemaType.STRING));
        Schema fieldError = OASFactory.createSchema().type(List.of(SchemaType.OBJECT))
                .addProperty("field", text).addProperty("message", text);
        return OASFactory.createSchema().type(List.of(SchemaType.OBJECT))
                .description("An RFC 9457 problem document")
                .addProperty("type", text).addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().type(List.of(SchemaType.INTEGER)))
                .addProperty("detail", text).addProperty("instance", text)
                .addProperty("errors", OASFactory.createSchema().type(List.of(SchemaType.ARRAY)).items(fieldError))
                .required(List.of("title", "status"));
    }
}
