package dev.devgodzilla.registry.service;

import dev.devgodzilla.contracts.agents.ProjectAgentConfig;
import io.smallrye.mutiny.Uni;

/** Where project overrides of agent configuration are announced (the compacted {@code agent-project-config}). */
public interface ProjectAgentConfigAnnouncer {
    Uni<Void> announce(ProjectAgentConfig config);
}
