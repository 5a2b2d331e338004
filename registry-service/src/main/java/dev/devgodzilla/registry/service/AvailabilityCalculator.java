package dev.devgodzilla.registry.service;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.contracts.messages.InstalledAgent;
import dev.devgodzilla.registry.domain.AgentView;
import dev.devgodzilla.registry.domain.Worker;
import io.quarkus.logging.Log;

/** Derives every catalogue agent's availability from the live workers; pure, so it is unit-tested alone. */
public final class AvailabilityCalculator {
    private static final TypeReference<List<InstalledAgent>> AGENTS = new TypeReference<>() {
    };

    private AvailabilityCalculator() {
    }

    /** One view per catalogue agent, in catalogue order. */
    public static Map<String, AgentView> compute(List<Worker> liveWorkers, Instant now) {
        Map<String, AgentView> views = new LinkedHashMap<>();
        for (AgentMetadata agent : AgentCatalog.all()) {
            views.put(agent.id(), viewOf(agent, liveWorkers, now));
        }
        return views;
    }

    /** The agents a worker row reports; an unreadable column counts as none rather than failing the sweep. */
    public static List<InstalledAgent> agentsOf(Worker worker) {
        if (worker.agents == null || worker.agents.isBlank()) {
            return List.of();
        }
        try {
            List<InstalledAgent> agents = Json.mapper().readValue(worker.agents, AGENTS);
            return agents == null ? List.of() : agents;
        } catch (IOException e) {
            Log.warnf("worker %s has unreadable agents: %s", worker.workerId, e.getMessage());
            return List.of();
        }
    }

    private static AgentView viewOf(AgentMetadata agent, List<Worker> liveWorkers, Instant now) {
        TreeSet<String> workers = new TreeSet<>();
        TreeSet<String> versions = new TreeSet<>();
        TreeSet<String> reasons = new TreeSet<>();
        TreeSet<String> warnings = new TreeSet<>();
        Instant checkedAt = null;
        Long latencyMs = null;
        for (Worker worker : liveWorkers) {
            for (InstalledAgent installed : agentsOf(worker)) {
                if (!agent.id().equals(installed.agentId())) {
                    continue;
                }
                if (installed.checkMs() != null && (latencyMs == null || installed.checkMs() > latencyMs)) {
                    latencyMs = installed.checkMs();
                }
                if (installed.available()) {
                    workers.add(worker.workerId);
                    if (installed.version() != null && !installed.version().isBlank()) {
                        versions.add(installed.version());
                    }
                    if (checkedAt == null || worker.lastSeen.isAfter(checkedAt)) {
                        checkedAt = worker.lastSeen;
                    }
                    if (installed.reason() != null && !installed.reason().isBlank()) {
                        // available, with something to know (e.g. a credential reference with no value there)
                        warnings.add(worker.workerId + ": " + installed.reason());
                    }
                } else if (installed.reason() != null && !installed.reason().isBlank()) {
                    reasons.add(installed.reason());
                }
            }
        }
        boolean enabled = agent.settings().isEnabled();
        boolean available = enabled && !workers.isEmpty();
        String reason = available ? (warnings.isEmpty() ? null : String.join("; ", warnings))
                : !enabled ? "disabled in its configuration (enabled: false)"
                : "no live worker has " + agent.id() + "; "
                + (reasons.isEmpty() ? agent.installHint() : String.join("; ", reasons));
        return new AgentView(agent.id(), available, new ArrayList<>(workers), new ArrayList<>(versions), reason,
                checkedAt == null ? now : checkedAt, latencyMs);
    }
}
