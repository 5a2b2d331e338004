package dev.devgodzilla.registry.rest;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.registry.domain.AgentConfig;
import dev.devgodzilla.registry.service.AgentConfigService;
import dev.devgodzilla.registry.service.AvailabilityTracker;
import dev.devgodzilla.support.rest.ProblemException;
import io.smallrye.mutiny.Uni;

/** The agent catalogue with live availability, agent health, and per-agent configuration. */
@Path("/agents")
@Produces(MediaType.APPLICATION_JSON)
public class AgentResource {
    private final AvailabilityTracker tracker;
    private final AgentConfigService configs;

    public AgentResource(AvailabilityTracker tracker, AgentConfigService configs) {
        this.tracker = tracker;
        this.configs = configs;
    }

    @GET
    public Uni<List<AgentInfo>> list() {
        return tracker.current().map(s -> AgentCatalog.all().stream()
                .map(m -> AgentInfo.of(m, s.agents().get(m.id())))
                .toList());
    }

    @GET
    @Path("/health")
    public Uni<List<AgentHealth>> health() {
        return tracker.current().map(s -> s.agents().values().stream().map(AgentHealth::of).toList());
    }

    @GET
    @Path("/{id}")
    public Uni<AgentInfo> get(@PathParam("id") String id) {
        AgentMetadata metadata = known(id);
        return tracker.current().map(s -> AgentInfo.of(metadata, s.agents().get(id)));
    }

    @GET
    @Path("/{id}/config")
    public Uni<AgentConfigView> getConfig(@PathParam("id") String id) {
        known(id);
        return configs.find(id).map(row -> row == null
                ? new AgentConfigView(id, Json.mapper().createObjectNode(), null)
                : view(row));
    }

    @PUT
    @Path("/{id}/config")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<AgentConfigView> putConfig(@PathParam("id") String id, JsonNode body) {
        known(id);
        if (!(body instanceof ObjectNode object)) {
            throw new ProblemException(400, "Invalid agent configuration",
                    "the configuration of an agent must be a JSON object, got "
                            + (body == null ? "nothing" : body.getNodeType().name().toLowerCase()));
        }
        return configs.put(id, object).map(AgentResource::view);
    }

    private static AgentMetadata known(String id) {
        return AgentCatalog.find(id).orElseThrow(() -> new ProblemException(404, "Agent not found",
                "no agent '" + id + "'; known agents: "
                        + AgentCatalog.all().stream().map(AgentMetadata::id).collect(Collectors.joining(", "))));
    }

    private static AgentConfigView view(AgentConfig row) {
        try {
            return new AgentConfigView(row.agentId, Json.mapper().readTree(row.config), row.updatedAt);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
