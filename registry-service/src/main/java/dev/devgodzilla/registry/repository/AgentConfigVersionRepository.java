package dev.devgodzilla.registry.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.registry.domain.AgentConfigVersion;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Reads and writes the {@code agent_config_versions} table. */
@ApplicationScoped
public class AgentConfigVersionRepository implements PanacheRepositoryBase<AgentConfigVersion, AgentConfigVersion.Key> {

    /** The latest version of {@code agentId}, or null when it was never changed through the API. */
    public Uni<AgentConfigVersion> latest(String agentId) {
        return find("agentId = ?1 order by version desc", agentId).firstResult();
    }

    /** The latest version of every agent changed through the API. */
    public Uni<List<AgentConfigVersion>> latestOfEach() {
        return list("from AgentConfigVersion v where v.version = "
                + "(select max(w.version) from AgentConfigVersion w where w.agentId = v.agentId)");
    }
}
