package dev.devgodzilla.registry.service;

import dev.devgodzilla.registry.domain.AgentView;
import dev.devgodzilla.registry.domain.Worker;

import java.util.List;
import java.util.Map;

/** Live workers and the agent views derived from them, read from committed state at one moment. */
public record RegistrySnapshot(List<Worker> liveWorkers, Map<String, AgentView> agents) {
}
