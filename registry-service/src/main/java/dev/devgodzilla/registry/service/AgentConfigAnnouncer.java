package dev.devgodzilla.registry.service;

import io.smallrye.mutiny.Uni;

/** Where an agent's effective configuration is announced (the compacted {@code agent-config} topic). */
public interface AgentConfigAnnouncer {
    Uni<Void> announce(EffectiveAgentConfig config);
}
