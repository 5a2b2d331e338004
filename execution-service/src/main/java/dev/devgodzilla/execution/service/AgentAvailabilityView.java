package dev.devgodzilla.execution.service;

import dev.devgodzilla.contracts.messages.AgentAvailability;
import dev.devgodzilla.execution.config.ExecutionConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The latest availability of each agent, as read from the compacted agent-availability topic. */
@ApplicationScoped
public class AgentAvailabilityView {
    private final Map<String, AgentAvailability> latest = new ConcurrentHashMap<>();
    private final ExecutionConfig config;

    public AgentAvailabilityView(ExecutionConfig config) {
        this.config = config;
    }

    public void update(AgentAvailability availability) {
        latest.merge(availability.agentId(), availability, (old, now) ->
                old.occurredAt() != null && now.occurredAt() != null && now.occurredAt().isBefore(old.occurredAt())
                        ? old : now);
    }

    /** A tombstone on the compacted topic: nothing is known about the agent any more. */
    public void forget(String agentId) {
        latest.remove(agentId);
    }

    public boolean isAvailable(String agentId) {
        AgentAvailability known = latest.get(agentId);
        return known == null ? config.assumeAvailableWhenUnknown() : known.available();
    }

    public Optional<AgentAvailability> get(String agentId) {
        return Optional.ofNullable(latest.get(agentId));
    }
}
