package dev.devgodzilla.execution.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.contracts.agents.ProjectAgentConfig;
import io.quarkus.logging.Log;

/**
 * The agents as each project's steps get them: the catalogue's agent with what registry-service last announced
 * the project sets of it (the newest version read of each project and agent wins).
 */
@ApplicationScoped
public class ProjectAgentConfigView {
    private final NewestByKey<ProjectAgentConfig> byKey = new NewestByKey<>(ProjectAgentConfig::version);

    /** {@code agentId} for the steps of {@code projectId} (null: no project), if the agent exists. */
    public Optional<AgentMetadata> agent(String agentId, String projectId) {
        Optional<AgentMetadata> agent = AgentCatalog.find(agentId);
        ProjectAgentConfig project = projectId == null ? null : byKey.get(ProjectAgentConfig.key(projectId, agentId));
        if (agent.isEmpty() || project == null) {
            return agent;
        }
        try {
            return Optional.of(project.applyTo(agent.get()));
        } catch (IllegalArgumentException e) {
            // checked when it was stored, and when it was read: only an agent change since can make it not apply
            Log.warnf("project %s: its configuration of agent %s does not apply (%s); the agent's own is used",
                    projectId, agentId, e.getMessage());
            return agent;
        }
    }

    /** Whether {@code projectId} sets {@code field} of {@code agentId}, to say where a step's value came from. */
    public boolean projectSets(String agentId, String projectId, String field) {
        ProjectAgentConfig project = projectId == null ? null : byKey.get(ProjectAgentConfig.key(projectId, agentId));
        return project != null && !project.removed() && project.fields().has(field);
    }

    /** Applies {@code config} unless a newer version of it was applied already. */
    public boolean update(ProjectAgentConfig config) {
        return byKey.update(config.key(), config);
    }
}
