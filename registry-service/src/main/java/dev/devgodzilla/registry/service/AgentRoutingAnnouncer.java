package dev.devgodzilla.registry.service;

import dev.devgodzilla.contracts.agents.AgentRouting;
import io.smallrye.mutiny.Uni;

/** Where the agent routing is announced (the compacted {@code agent-routing} topic). */
public interface AgentRoutingAnnouncer {
    Uni<Void> announce(AgentRouting routing);
}
