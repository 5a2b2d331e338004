package dev.devgodzilla.registry.rest;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.AgentKind;
import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.registry.messaging.AgentJobTopics;
import dev.devgodzilla.registry.service.AgentConfigService;
import dev.devgodzilla.registry.service.AttemptMetrics;
import dev.devgodzilla.registry.service.AvailabilityTracker;
import dev.devgodzilla.support.rest.ProblemException;
import io.smallrye.mutiny.Uni;

/** The agent catalogue with live availability, agent health, and per-agent configuration. */
@Path("/agents")
@Produces(MediaType.APPLICATION_JSON)
public class AgentResource {
    private final AvailabilityTracker tracker;
    private final AgentConfigService configs;
    private final AttemptMetrics attempts;
    private final AgentJobTopics jobTopics;

    public AgentResource(AvailabilityTracker tracker, AgentConfigService configs, AttemptMetrics attempts,
                         AgentJobTopics jobTopics) {
        this.jobTopics = jobTopics;
        this.tracker = tracker;
        this.configs = configs;
        this.attempts = attempts;
    }

    /** The agents, optionally only those of a {@code kind} or those (not) {@code available} now. */
    @GET
    public Uni<List<AgentInfo>> list(@QueryParam("kind") String kind, @QueryParam("available") String available) {
        AgentKind wantedKind = kind == null ? null : parseKind(kind);
        Boolean wantedAvailable = available == null ? null : parseBoolean("available", available);
        return tracker.current().map(s -> AgentCatalog.all().stream()
                .map(m -> AgentInfo.of(m, s.agents().get(m.id())))
                .filter(a -> wantedKind == null || a.kind() == wantedKind)
                .filter(a -> wantedAvailable == null || a.available() == wantedAvailable)
                .toList());
    }

    @GET
    @Path("/health")
    public Uni<List<AgentHealth>> health() {
        return tracker.current().map(s -> s.agents().values().stream().map(AgentHealth::of).toList());
    }

    /** Per agent, from the ended attempts: steps, success rate, duration percentiles, tokens and cost. */
    @GET
    @Path("/metrics")
    public Uni<List<AttemptMetrics.AgentMetrics>> metrics() {
        return attempts.summary();
    }

    @GET
    @Path("/{id}")
    public Uni<AgentInfo> get(@PathParam("id") String id) {
        AgentMetadata metadata = AgentCatalog.find(id).orElseThrow(() -> AgentConfigService.unknown(id));
        return tracker.current().map(s -> AgentInfo.of(metadata, s.agents().get(id)));
    }

    /** The effective configuration, its sources and its version; the version is the {@code ETag}. */
    @GET
    @Path("/{id}/config")
    public Uni<Response> getConfig(@PathParam("id") String id) {
        return configs.find(id).map(config -> {
            if (config == null || config.removed()) {
                throw AgentConfigService.unknown(id);
            }
            return VersionTags.tagged(AgentConfigView.of(config), config.version());
        });
    }

    /**
     * Replaces what the API sets for the agent with {@code body} (fields named as in agents.yaml; {@code {}} goes
     * back to agents.yaml and the built-in values) as a new version, which every service applies within seconds.
     * With {@code If-Match} the change is refused (412) unless the configuration is still at that version.
     */
    @PUT
    @Path("/{id}/config")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> putConfig(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                   JsonNode body) {
        if (!(body instanceof ObjectNode object)) {
            throw new ProblemException(400, "Invalid agent configuration",
                    "the configuration of an agent must be a JSON object of its fields, got "
                            + (body == null ? "nothing" : body.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        return configs.put(id, object, VersionTags.expected(ifMatch), "api")
                .map(config -> VersionTags.tagged(AgentConfigView.of(config), config.version()));
    }

    /**
     * Registers an agent that exists only in configuration: {@code {"id": "my-agent", ...fields}}; 201 with its
     * configuration, 409 when the id exists.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> register(JsonNode body) {
        if (!(body instanceof ObjectNode object) || !object.path("id").isTextual()) {
            throw new ProblemException(400, "Invalid agent",
                    "a new agent is a JSON object with its id, e.g. {\"id\": \"my-agent\", \"binary\": \"my-agent\"}");
        }
        ObjectNode fields = object.deepCopy();
        String id = fields.remove("id").asText();
        return configs.register(id, fields, "api").invoke(config -> jobTopics.ensureSoon(List.of(id))).map(config ->
                VersionTags.created(URI.create("/agents/" + id), AgentConfigView.of(config), config.version()));
    }

    /** Removes an agent registered over the API (204); built-in and agents.yaml agents are disabled instead (409). */
    @DELETE
    @Path("/{id}")
    public Uni<Response> remove(@PathParam("id") String id) {
        return configs.remove(id, "api").map(config -> Response.noContent().build());
    }

    private static AgentKind parseKind(String kind) {
        try {
            return AgentKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "Invalid query parameter", "kind must be one of "
                    + Arrays.toString(AgentKind.values()) + ", got '" + kind + "'");
        }
    }

    private static boolean parseBoolean(String name, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ProblemException(400, "Invalid query parameter",
                    name + " must be true or false, got '" + value + "'");
        };
    }
}
