package dev.devgodzilla.registry.rest;

import java.time.Instant;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.devgodzilla.contracts.agents.AgentFields;
import dev.devgodzilla.contracts.agents.ProjectAgentConfig;
import dev.devgodzilla.registry.service.ProjectAgentConfigService;
import dev.devgodzilla.registry.service.ProjectAgentConfigService.ProjectAgent;
import dev.devgodzilla.support.rest.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * What one project sets of an agent's configuration: the model, limits and sandbox modes of that project's steps
 * ({@code defaultModel}, {@code defaultMode}, {@code maxMode}, {@code timeout}, {@code idleTimeout},
 * {@code maxAttempts}, {@code backoff}, {@code enabled}), versioned ({@code ETag}, {@code If-Match}) and applied
 * by execution-service before dispatch.
 */
@Path("/projects/{projectId}/agents/{agentId}/config")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectAgentConfigResource {
    private final ProjectAgentConfigService configs;

    public ProjectAgentConfigResource(ProjectAgentConfigService configs) {
        this.configs = configs;
    }

    /**
     * The view: what the project sets ({@code fields}, what a PUT replaces), the agent as the project's steps get
     * it ({@code effective}) and per field whether that is the project's or the agent's.
     */
    public record View(String projectId, String agentId, long version, Instant changedAt, String changedBy,
                       ObjectNode fields, ObjectNode effective, Map<String, String> sources) {
        static View of(ProjectAgent p) {
            ProjectAgentConfig c = p.config();
            return new View(c.projectId(), c.agentId(), c.removed() ? 0 : c.version(), c.changedAt(), p.changedBy(),
                    c.removed() ? null : c.fields(), AgentFields.of(p.effective()), p.sources());
        }
    }

    @GET
    public Uni<Response> get(@PathParam("projectId") String projectId, @PathParam("agentId") String agentId) {
        return configs.find(projectId, agentId).map(View::of).map(view -> VersionTags.tagged(view, view.version()));
    }

    /** Replaces what the project sets of the agent; {@code {}} sets nothing. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> put(@PathParam("projectId") String projectId, @PathParam("agentId") String agentId,
                             @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, JsonNode body) {
        if (!(body instanceof ObjectNode fields)) {
            throw new ProblemException(400, "Invalid project configuration", "the body is a JSON object of fields,"
                    + " e.g. {\"defaultModel\": \"gpt-5\", \"maxAttempts\": 2}; a project sets "
                    + String.join(", ", ProjectAgentConfig.FIELDS));
        }
        return configs.put(projectId, agentId, fields, VersionTags.expected(ifMatch), "api")
                .map(p -> VersionTags.tagged(View.of(p), p.config().version()));
    }

    /** Drops what the project sets (204): the agent's own configuration applies to its steps again. */
    @DELETE
    public Uni<Response> delete(@PathParam("projectId") String projectId, @PathParam("agentId") String agentId,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return configs.remove(projectId, agentId, VersionTags.expected(ifMatch), "api")
                .replaceWith(Response.noContent().build());
    }
}
