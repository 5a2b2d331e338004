package dev.devgodzilla.registry.service;

import java.util.List;
import java.util.Map;

import dev.devgodzilla.registry.domain.AgentView;
import dev.devgodzilla.registry.domain.Worker;

/** Live workers and the agent views derived from them, read from committed state at one moment. */
public record RegistrySnapshot(List<Worker> liveWorkers, Map<String, AgentView> agents) {
}
