package dev.devgodzilla.worker.way.cli;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * The engines this worker has, by agent id: every {@link Engine} bean, so a new CLI agent is one
 * catalogue entry and one engine class. Agents that do not run as a process (IDE hand-offs, Jules) have
 * no engine; their way runs them.
 */
@ApplicationScoped
public class Engines {
    private final Map<String, Engine> byAgent = new LinkedHashMap<>();

    @Inject
    public Engines(Instance<Engine> engines) {
        this((Iterable<Engine>) engines);
    }

    public Engines(Iterable<Engine> engines) {
        for (Engine engine : engines) {
            Engine other = byAgent.putIfAbsent(engine.agentId(), engine);
            if (other != null) {
                throw new IllegalStateException("two engines for agent " + engine.agentId() + ": "
                        + other.getClass().getName() + " and " + engine.getClass().getName());
            }
        }
    }

    public Optional<Engine> find(String agentId) {
        return Optional.ofNullable(agentId).map(byAgent::get);
    }

    public Collection<Engine> all() {
        return byAgent.values();
    }
}
