package dev.devgodzilla.registry.rest;

import java.time.Instant;

import dev.devgodzilla.registry.domain.AgentView;

/** The structured health of one agent, as {@code GET /agents/health} lists it. */
public record AgentHealth(String agentId, Status status) {

    /**
     * @param version   the newest version a live worker reports
     * @param latencyMs how long the slowest live worker's last check of the agent took; null where none ran one
     */
    public record Status(boolean available, String version, String reason, Instant checkedAt, Long latencyMs) {
    }

    static AgentHealth of(AgentView v) {
        String version = v.versions().isEmpty() ? null : v.versions().getLast();
        return new AgentHealth(v.agentId(), new Status(v.available(), version, v.reason(), v.checkedAt(), v.latencyMs()));
    }
}
