package dev.devgodzilla.execution.service;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.agents.AgentRouting;

/** The agent routing registry-service announced last (the newest version read wins). */
@ApplicationScoped
public class AgentRoutingView {
    private volatile AgentRouting current = AgentRouting.NONE;

    public AgentRouting current() {
        return current;
    }

    /** Applies {@code routing} unless a newer version was applied already. */
    public synchronized boolean update(AgentRouting routing) {
        if (routing.version() < current.version()) {
            return false;
        }
        current = routing;
        return true;
    }
}
