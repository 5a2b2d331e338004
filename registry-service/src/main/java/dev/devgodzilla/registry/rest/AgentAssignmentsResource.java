package dev.devgodzilla.registry.rest;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.devgodzilla.contracts.agents.AgentRouting;
import dev.devgodzilla.registry.service.AgentRoutingService;
import io.smallrye.mutiny.Uni;

/**
 * Assignments of agents to projects and task types, for steps that name no agent: the most specific rule wins
 * (project and task type, then project, then task type). Part of the agent routing, versioned like it.
 */
@Path("/agents/assignments")
@Produces(MediaType.APPLICATION_JSON)
public class AgentAssignmentsResource {
    private final AgentRoutingService routing;

    public AgentAssignmentsResource(AgentRoutingService routing) {
        this.routing = routing;
    }

    /** What a PUT sends and a GET shows; {@code version} is set by the service. */
    public record Assignments(Long version, Instant changedAt, List<AgentRouting.Assignment> assignments) {
        static Assignments of(AgentRouting r) {
            return new Assignments(r.version(), r.changedAt(), r.assignments());
        }
    }

    @GET
    public Uni<Response> get() {
        return routing.current().map(r -> VersionTags.tagged(Assignments.of(r), r.version()));
    }

    /** Replaces the assignments (the defaults stay as they are). */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> put(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, Assignments body) {
        List<AgentRouting.Assignment> wanted = body == null || body.assignments() == null ? List.of() : body.assignments();
        return routing.change(r -> new AgentRouting(r.schemaVersion(), r.version(), r.changedAt(),
                        r.defaultAgent(), r.byTaskType(), wanted),
                VersionTags.expected(ifMatch), "api")
                .map(r -> VersionTags.tagged(Assignments.of(r), r.version()));
    }
}
