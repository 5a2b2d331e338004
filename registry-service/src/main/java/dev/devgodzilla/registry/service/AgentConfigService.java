package dev.devgodzilla.registry.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.registry.domain.AgentConfigVersion;
import dev.devgodzilla.registry.repository.AgentConfigVersionRepository;
import dev.devgodzilla.support.sql.SqlRows;
import dev.devgodzilla.support.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Owns the agents' configuration: each API change is a new version in PostgreSQL over the built-in and
 * agents.yaml definition, and each effective configuration is announced on {@code agent-config}, from where every
 * service applies it.
 */
@ApplicationScoped
public class AgentConfigService {
    private static final Pattern AGENT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Pool db;
    private final AgentConfigVersionRepository versions;
    private final AgentConfigAnnouncer announcer;

    public AgentConfigService(Pool db, AgentConfigVersionRepository versions, AgentConfigAnnouncer announcer) {
        this.db = db;
        this.versions = versions;
        this.announcer = announcer;
    }

    /** The effective configuration of {@code agentId}, or null for an agent that does not exist. */
    public Uni<EffectiveAgentConfig> find(String agentId) {
        return versions.latest(db, agentId).map(latest -> effective(agentId, latest));
    }

    /** Every agent's effective configuration, the removed ones included (to be announced as removed). */
    public Uni<List<EffectiveAgentConfig>> all() {
        return versions.latestOfEach(db).map(latest -> {
            Map<String, AgentConfigVersion> byAgent = latest.stream()
                    .collect(Collectors.toMap(v -> v.agentId, Function.identity()));
            Map<String, EffectiveAgentConfig> all = new LinkedHashMap<>();
            AgentCatalog.configured().forEach(a -> all.put(a.id(), effective(a.id(), byAgent.get(a.id()))));
            byAgent.forEach((id, version) -> all.computeIfAbsent(id, i -> effective(i, version)));
            return List.copyOf(all.values());
        });
    }

    /**
     * Stores {@code fields} as the agent's next version, replacing what the API set before, and announces the
     * result.
     *
     * @param expectedVersion the version the caller changed ({@code If-Match}), null for whatever is current
     * @throws ProblemException 404 unknown agent, 412 a version other than expected, 400 a field it cannot take
     */
    public Uni<EffectiveAgentConfig> put(String agentId, ObjectNode fields, Long expectedVersion, String changedBy) {
        return db.withTransaction(tx -> versions.latest(tx, agentId).chain(latest -> {
            EffectiveAgentConfig current = effective(agentId, latest);
            if (current == null || current.removed()) {
                throw unknown(agentId);
            }
            if (expectedVersion != null && expectedVersion != current.version()) {
                throw new ProblemException(412, "Configuration changed",
                        "agent '" + agentId + "' is at version " + current.version() + ", not " + expectedVersion
                                + "; read it again and apply your change to that version");
            }
            AgentConfigVersion next = nextVersion(agentId, latest, fields, changedBy);
            next.registered = current.registered();
            EffectiveAgentConfig result = validated(agentId, next);
            return versions.insert(tx, next).replaceWith(result);
        })).onFailure(SqlRows::duplicateKey).transform(e -> ConcurrentChange.refused("agent '" + agentId + "'"))
                .call(announcer::announce);
    }

    /**
     * Adds an agent that exists only in configuration (an engine of a worker's own, an IDE); it stays
     * unavailable until a worker reports it.
     *
     * @throws ProblemException 409 an agent of that id exists, 400 an id or field it cannot take
     */
    public Uni<EffectiveAgentConfig> register(String agentId, ObjectNode fields, String changedBy) {
        if (agentId == null || !AGENT_ID.matcher(agentId).matches()) {
            throw new ProblemException(400, "Invalid agent", "id must be 1 to 63 lower-case letters, digits or '-',"
                    + " starting with a letter or digit; got " + (agentId == null ? "none" : "'" + agentId + "'"));
        }
        return db.withTransaction(tx -> versions.latest(tx, agentId).chain(latest -> {
            EffectiveAgentConfig current = effective(agentId, latest);
            if (current != null && !current.removed()) {
                throw new ProblemException(409, "Agent exists", "agent '" + agentId + "' exists already; change it"
                        + " with PUT /agents/" + agentId + "/config");
            }
            AgentConfigVersion next = nextVersion(agentId, latest, fields, changedBy);
            next.registered = true;
            EffectiveAgentConfig result = validated(agentId, next);
            return versions.insert(tx, next).replaceWith(result);
        })).onFailure(SqlRows::duplicateKey).transform(e -> ConcurrentChange.refused("agent '" + agentId + "'"))
                .call(announcer::announce);
    }

    /**
     * Removes an agent registered through the API; built-in agents and those of agents.yaml stay (disable them
     * with {@code enabled: false}).
     *
     * @throws ProblemException 404 no such agent, 409 an agent that is not the API's to remove
     */
    public Uni<EffectiveAgentConfig> remove(String agentId, String changedBy) {
        return db.withTransaction(tx -> versions.latest(tx, agentId).chain(latest -> {
            EffectiveAgentConfig current = effective(agentId, latest);
            if (current == null || current.removed()) {
                throw unknown(agentId);
            }
            if (!current.registered()) {
                throw new ProblemException(409, "Agent not removable", "agent '" + agentId + "' is "
                        + (AgentCatalog.builtIn(agentId).isPresent() ? "built in" : "defined in agents.yaml")
                        + "; disable it with `./dg agent config set " + agentId + " enabled=false` instead");
            }
            AgentConfigVersion next = nextVersion(agentId, latest, Json.mapper().createObjectNode(), changedBy);
            next.registered = true;
            next.removed = true;
            EffectiveAgentConfig result = effective(agentId, next);
            return versions.insert(tx, next).replaceWith(result);
        })).onFailure(SqlRows::duplicateKey).transform(e -> ConcurrentChange.refused("agent '" + agentId + "'"))
                .call(announcer::announce);
    }

    private static AgentConfigVersion nextVersion(String agentId, AgentConfigVersion latest, ObjectNode fields,
                                                  String changedBy) {
        AgentConfigVersion next = new AgentConfigVersion();
        next.agentId = agentId;
        next.version = latest == null ? 1 : latest.version + 1;
        next.fields = Json.write(fields);
        next.changedAt = Instant.now();
        next.changedBy = changedBy;
        return next;
    }

    /** Announces every agent's effective configuration (at start, and now and then to repair a lost record). */
    public Uni<Void> announceAll() {
        return all().chain(configs -> Uni.join().all(configs.stream().map(announcer::announce).toList())
                .andCollectFailures()).replaceWithVoid();
    }

    /** Reading tolerates fields that cannot apply (see {@link EffectiveAgentConfig#problem()}); a change does not. */
    private EffectiveAgentConfig validated(String agentId, AgentConfigVersion next) {
        EffectiveAgentConfig result = effective(agentId, next);
        if (result.problem() != null || result.agent() == null) {
            throw new ProblemException(400, "Invalid agent configuration",
                    result.problem() != null ? result.problem() : "agent '" + agentId + "' has no definition: a"
                            + " registered agent needs at least binary or kind");
        }
        return result;
    }

    private static EffectiveAgentConfig effective(String agentId, AgentConfigVersion latest) {
        AgentMetadata configured = AgentCatalog.configured().stream().filter(a -> a.id().equals(agentId))
                .findFirst().orElse(null);
        if (configured == null && (latest == null || !latest.registered)) {
            return null;
        }
        return EffectiveAgentConfig.of(agentId, AgentCatalog.builtIn(agentId).orElse(null), configured, latest);
    }

    public static ProblemException unknown(String agentId) {
        return new ProblemException(404, "Agent not found", "no agent '" + agentId + "'; known agents: "
                + AgentCatalog.all().stream().map(AgentMetadata::id).collect(Collectors.joining(", ")));
    }
}
