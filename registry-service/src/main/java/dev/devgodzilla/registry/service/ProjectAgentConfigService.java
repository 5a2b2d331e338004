package dev.devgodzilla.registry.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.contracts.agents.ProjectAgentConfig;
import dev.devgodzilla.registry.domain.ProjectAgentConfigVersion;
import dev.devgodzilla.registry.repository.ProjectAgentConfigVersionRepository;
import dev.devgodzilla.support.sql.SqlRows;
import dev.devgodzilla.support.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Owns what each project sets of an agent's configuration (its steps' model, limits and sandbox modes): each
 * change is a version in PostgreSQL, announced on {@code agent-project-config}, from where execution-service
 * applies it to that project's steps.
 */
@ApplicationScoped
public class ProjectAgentConfigService {
    public static final String PROJECT = "project";
    public static final String AGENT = "agent";

    private final Pool db;
    private final ProjectAgentConfigVersionRepository versions;
    private final ProjectAgentConfigAnnouncer announcer;

    public ProjectAgentConfigService(Pool db, ProjectAgentConfigVersionRepository versions,
                                     ProjectAgentConfigAnnouncer announcer) {
        this.db = db;
        this.versions = versions;
        this.announcer = announcer;
    }

    /**
     * An agent as one project's steps get it.
     *
     * @param effective the agent's configuration with the project's fields applied
     * @param sources   per field the project sets, {@value #PROJECT}; the rest come from the {@value #AGENT}
     */
    public record ProjectAgent(ProjectAgentConfig config, String changedBy, AgentMetadata effective,
                               Map<String, String> sources) {
    }

    public Uni<ProjectAgent> find(String projectId, String agentId) {
        AgentMetadata agent = checked(projectId, agentId);
        return versions.latest(db, projectId, agentId)
                .map(latest -> projectAgent(projectId, agent, latest == null || latest.removed ? null : latest));
    }

    /**
     * Stores {@code fields} as what the project sets of the agent, replacing what it set before, and announces it.
     *
     * @param expectedVersion the version the caller changed ({@code If-Match}), null for whatever is current
     * @throws ProblemException 400 a field a project cannot set, 404 an unknown agent, 412 another version
     */
    public Uni<ProjectAgent> put(String projectId, String agentId, ObjectNode fields, Long expectedVersion,
                                 String changedBy) {
        AgentMetadata agent = checked(projectId, agentId);
        return db.withTransaction(tx -> versions.latest(tx, projectId, agentId).chain(latest -> {
            checkVersion(projectId, agentId, latest, expectedVersion);
            ProjectAgentConfigVersion next = nextVersion(projectId, agentId, latest, changedBy);
            next.fields = Json.write(fields);
            ProjectAgent result = projectAgent(projectId, agent, next);
            return versions.insert(tx, next).replaceWith(result);
        })).onFailure(SqlRows::duplicateKey).transform(e -> conflict(projectId, agentId)).call(result -> announcer.announce(result.config()));
    }

    /** Drops what the project sets: the agent's own configuration applies to its steps again. */
    public Uni<Void> remove(String projectId, String agentId, Long expectedVersion, String changedBy) {
        checked(projectId, agentId);
        return db.withTransaction(tx -> versions.latest(tx, projectId, agentId).chain(latest -> {
            if (latest == null || latest.removed) {
                throw new ProblemException(404, "No project configuration", "project '" + projectId
                        + "' sets nothing of agent '" + agentId + "'");
            }
            checkVersion(projectId, agentId, latest, expectedVersion);
            ProjectAgentConfigVersion next = nextVersion(projectId, agentId, latest, changedBy);
            next.fields = "{}";
            next.removed = true;
            return versions.insert(tx, next).replaceWith(next.config());
        })).onFailure(SqlRows::duplicateKey).transform(e -> conflict(projectId, agentId)).call(announcer::announce).replaceWithVoid();
    }

    /** Announces every project's overrides (at start, and now and then to repair a lost record). */
    public Uni<Void> announceAll() {
        return versions.latestOfEach(db).chain(all -> Uni.join()
                .all(all.stream().map(v -> announcer.announce(v.config())).toList())
                .andCollectFailures()).replaceWithVoid();
    }

    private static RuntimeException conflict(String projectId, String agentId) {
        return ConcurrentChange.refused("what project '" + projectId + "' sets of agent '" + agentId + "'");
    }

    private static ProjectAgent projectAgent(String projectId, AgentMetadata agent, ProjectAgentConfigVersion row) {
        ProjectAgentConfig config = row == null
                ? new ProjectAgentConfig(ProjectAgentConfig.SCHEMA_VERSION, projectId, agent.id(), 0, null, null, false)
                : row.config();
        AgentMetadata effective;
        try {
            effective = config.applyTo(agent);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "Invalid project configuration", e.getMessage());
        }
        Map<String, String> sources = new LinkedHashMap<>();
        ProjectAgentConfig.FIELDS.forEach(f -> sources.put(f, !config.removed() && config.fields().has(f)
                ? PROJECT : AGENT));
        return new ProjectAgent(config, row == null ? null : row.changedBy, effective, sources);
    }

    private static void checkVersion(String projectId, String agentId, ProjectAgentConfigVersion latest,
                                     Long expectedVersion) {
        long current = latest == null || latest.removed ? 0 : latest.version;
        if (expectedVersion != null && expectedVersion != current) {
            throw new ProblemException(412, "Configuration changed", "what project '" + projectId + "' sets of agent '"
                    + agentId + "' is at version " + current + ", not " + expectedVersion
                    + "; read it again and apply your change to that version");
        }
    }

    private static ProjectAgentConfigVersion nextVersion(String projectId, String agentId,
                                                         ProjectAgentConfigVersion latest, String changedBy) {
        ProjectAgentConfigVersion next = new ProjectAgentConfigVersion();
        next.projectId = projectId;
        next.agentId = agentId;
        next.version = latest == null ? 1 : latest.version + 1;
        next.changedAt = Instant.now();
        next.changedBy = changedBy;
        return next;
    }

    /** The agent, once the project id is one a step can carry and the agent exists. */
    private static AgentMetadata checked(String projectId, String agentId) {
        if (projectId == null || !ProjectAgentConfig.PROJECT_ID.matcher(projectId).matches()) {
            throw new ProblemException(400, "Invalid project id", "projectId must be 1 to 128 letters, digits, '.',"
                    + " '_', ':' or '-', starting with a letter or digit");
        }
        return AgentCatalog.find(agentId).orElseThrow(() -> AgentConfigService.unknown(agentId));
    }
}
