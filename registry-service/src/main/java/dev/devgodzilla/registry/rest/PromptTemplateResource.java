package dev.devgodzilla.registry.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.prompts.PromptRenderer;
import dev.devgodzilla.contracts.prompts.PromptTemplate;
import dev.devgodzilla.contracts.prompts.PromptVariables;
import dev.devgodzilla.registry.service.PromptTemplateService;
import dev.devgodzilla.support.rest.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * The prompt templates that turn a step request into its agent's prompt, in Qute syntax ({@code {task}},
 * {@code {#if context}...{/if}}): versioned ({@code ETag}, {@code If-Match}), checked by rendering before they
 * are stored, and applied by execution-service within seconds. A step uses the template it names, else the one
 * named after its task type, else {@code default}.
 */
@Path("/prompt-templates")
@Produces(MediaType.APPLICATION_JSON)
public class PromptTemplateResource {
    private final PromptTemplateService templates;

    public PromptTemplateResource(PromptTemplateService templates) {
        this.templates = templates;
    }

    /** A template as the API shows it; {@code builtIn} for the shipped {@code default} (version 0). */
    public record TemplateView(String name, long version, Instant changedAt, String description, String text,
                               boolean builtIn) {
        static TemplateView of(PromptTemplate t) {
            return new TemplateView(t.name(), t.version(), t.changedAt(), t.description(), t.text(), t.builtIn());
        }
    }

    /** What a PUT sends. */
    public record TemplateChange(String description, String text) {
    }

    /** What a preview returns: the prompt a step of that body would get. */
    public record Preview(String name, long version, String prompt) {
    }

    /** The variables a template can use, and what each holds. */
    @GET
    @Path("/variables")
    public Map<String, String> variables() {
        return PromptVariables.DESCRIBED;
    }

    @GET
    public Uni<List<TemplateView>> list() {
        return templates.all().map(all -> all.stream().map(TemplateView::of).toList());
    }

    @GET
    @Path("/{name}")
    public Uni<Response> get(@PathParam("name") String name) {
        return templates.find(name).map(t -> VersionTags.tagged(TemplateView.of(t), t.version()));
    }

    /** Creates (201) or replaces (200) the template; refused with 400 when its text does not render. */
    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> put(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                             TemplateChange body) {
        if (body == null) {
            throw new ProblemException(400, "Invalid prompt template",
                    "text: is required, e.g. {\"text\": \"{task}\\n\\nKeep the change small.\"}");
        }
        return templates.put(name, body.description(), body.text(), VersionTags.expected(ifMatch), "api")
                .map(stored -> stored.created()
                        ? VersionTags.created(URI.create("/prompt-templates/" + name),
                                TemplateView.of(stored.template()), stored.template().version())
                        : VersionTags.tagged(TemplateView.of(stored.template()), stored.template().version()));
    }

    /** Removes the template (204); the built-in {@code default} cannot be removed (409). */
    @DELETE
    @Path("/{name}")
    public Uni<Response> delete(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return templates.remove(name, VersionTags.expected(ifMatch), "api")
                .map(removed -> Response.noContent().build());
    }

    /**
     * Renders the template for a step request (its fields as on {@code step-requests}; {@code task} is required,
     * {@code agentId} and {@code model} stand for what execution-service would choose).
     */
    @POST
    @Path("/{name}/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Preview> preview(@PathParam("name") String name, JsonNode body) {
        StepRequest request = previewRequest(body);
        return templates.find(name).map(t -> {
            try {
                return new Preview(t.name(), t.version(), PromptRenderer.render(t.text(),
                        PromptVariables.of(request, request.agentId(), request.model())));
            } catch (IllegalArgumentException e) {
                throw new ProblemException(400, "Template does not render", e.getMessage());
            }
        });
    }

    private static StepRequest previewRequest(JsonNode body) {
        if (body == null || !body.isObject() || !body.path("task").isTextual() || body.path("task").asText().isBlank()) {
            throw new ProblemException(400, "Invalid preview", "task: is required; the body is a step request,"
                    + " e.g. {\"task\": \"fix the cart\", \"context\": \"a web shop\"}");
        }
        StepRequest request;
        try {
            request = Json.read(Json.write(body), StepRequest.class);
        } catch (RuntimeException e) {
            throw new ProblemException(400, "Invalid preview", "not a step request: " + e.getMessage());
        }
        return request.stepId() != null ? request : new StepRequest(request.schemaVersion(), request.eventId(),
                request.occurredAt(), "preview", request.planId(), request.projectId(), request.agentId(),
                request.model(), request.taskType(), request.task(), request.context(), request.dependencies(),
                request.instructions(), request.workspace(), request.sandboxMode(), request.timeoutSeconds(),
                request.qaCommand(), request.labels(), request.setupCommand(), request.promptTemplate());
    }
}
