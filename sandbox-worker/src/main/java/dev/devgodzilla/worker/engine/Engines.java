package dev.devgodzilla.worker.engine;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/** The engines this worker has, by agent id. */
@ApplicationScoped
public class Engines {
    private final Map<String, Engine> byAgent;

    public Engines(Instance<Engine> engines) {
        this.byAgent = engines.stream().collect(Collectors.toMap(Engine::agentId, Function.identity()));
    }

    public Optional<Engine> find(String agentId) {
        return Optional.ofNullable(agentId).map(byAgent::get);
    }
}
