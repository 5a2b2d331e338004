package dev.devgodzilla.registry.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.registry.domain.ProjectAgentConfigVersion;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Reads and writes the {@code project_agent_config_versions} table. */
@ApplicationScoped
public class ProjectAgentConfigVersionRepository
        implements PanacheRepositoryBase<ProjectAgentConfigVersion, ProjectAgentConfigVersion.Key> {

    /** The latest version of what {@code projectId} sets of {@code agentId}, or null when it never set anything. */
    public Uni<ProjectAgentConfigVersion> latest(String projectId, String agentId) {
        return find("projectId = ?1 and agentId = ?2 order by version desc", projectId, agentId).firstResult();
    }

    /** The latest version of every project and agent, removed ones included. */
    public Uni<List<ProjectAgentConfigVersion>> latestOfEach() {
        return list("from ProjectAgentConfigVersion v where v.version = (select max(w.version)"
                + " from ProjectAgentConfigVersion w where w.projectId = v.projectId and w.agentId = v.agentId)");
    }
}
