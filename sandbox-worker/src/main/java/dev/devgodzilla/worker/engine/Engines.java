package dev.devgodzilla.worker.engine;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import dev.devgodzilla.worker.config.WorkerConfig;
import dev.devgodzilla.worker.engine.cli.CliEngineCatalogue;
import dev.devgodzilla.worker.engine.cli.IdeOnlyEngine;

/**
 * The engines this worker has, by agent id: the built-in CLI engines of the catalogue, then engine
 * beans (the dummy, adapters), and for IDE-only agents an engine without a command line (their steps
 * are handed over, see {@code handoff.AgentWays}).
 */
@ApplicationScoped
public class Engines {
    private final Map<String, Engine> byAgent = new LinkedHashMap<>();

    public Engines(Instance<Engine> beans, WorkerConfig config) {
        var builtIn = CliEngineCatalogue.all(AgentDirs.settings(config));
        builtIn.stream().filter(e -> !(e instanceof IdeOnlyEngine)).forEach(e -> byAgent.put(e.agentId(), e));
        beans.forEach(e -> byAgent.putIfAbsent(e.agentId(), e));
        builtIn.forEach(e -> byAgent.putIfAbsent(e.agentId(), e));
    }

    public Optional<Engine> find(String agentId) {
        return Optional.ofNullable(agentId).map(byAgent::get);
    }

    public Collection<Engine> all() {
        return byAgent.values();
    }
}
