package dev.devgodzilla.registry.rest;

import java.time.Instant;
import java.util.Map;

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
 * The default agent of steps that name none, and per task type: part of the agent routing, versioned
 * ({@code ETag}, {@code If-Match}) and applied by execution-service within seconds.
 */
@Path("/agents/defaults")
@Produces(MediaType.APPLICATION_JSON)
public class AgentDefaultsResource {
    private final AgentRoutingService routing;

    public AgentDefaultsResource(AgentRoutingService routing) {
        this.routing = routing;
    }

    /** What a PUT sends and a GET shows; {@code version} is set by the service. */
    public record Defaults(Long version, Instant changedAt, String defaultAgent, Map<String, String> byTaskType) {
        static Defaults of(AgentRouting r) {
            return new Defaults(r.version(), r.changedAt(), r.defaultAgent(), r.byTaskType());
        }
    }

    @GET
    public Uni<Response> get() {
        return routing.current().map(r -> VersionTags.tagged(Defaults.of(r), r.version()));
    }

    /** Replaces the defaults (the assignments stay as they are). */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> put(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, Defaults body) {
        Defaults wanted = body == null ? new Defaults(null, null, null, Map.of()) : body;
        return routing.change(r -> new AgentRouting(r.schemaVersion(), r.version(), r.changedAt(),
                        wanted.defaultAgent(), wanted.byTaskType(), r.assignments()),
                VersionTags.expected(ifMatch), "api")
                .map(r -> VersionTags.tagged(Defaults.of(r), r.version()));
    }
}
