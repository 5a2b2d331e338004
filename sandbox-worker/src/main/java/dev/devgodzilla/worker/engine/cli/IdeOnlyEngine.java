package dev.devgodzilla.worker.engine.cli;

import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.worker.engine.Engine;
import dev.devgodzilla.worker.engine.EngineHealth;
import dev.devgodzilla.worker.engine.EngineRequest;
import dev.devgodzilla.worker.engine.EngineRun;
import dev.devgodzilla.worker.engine.EngineUnavailableException;

/** An agent that only lives in an IDE (Windsurf, Roo, Bob): a step for it fails at once with the reason. */
public final class IdeOnlyEngine implements Engine {
    private final AgentMetadata agent;

    public IdeOnlyEngine(AgentMetadata agent) {
        this.agent = agent;
    }

    @Override
    public String agentId() {
        return agent.id();
    }

    String reason() {
        return agent.name() + " is an IDE agent; it runs through its command directory ("
                + agent.commandDir() + ") in the IDE, not as a headless process on a worker";
    }

    @Override
    public EngineRun plan(EngineRequest request) {
        throw new EngineUnavailableException(reason());
    }

    @Override
    public EngineRun execute(EngineRequest request) {
        throw new EngineUnavailableException(reason());
    }

    @Override
    public EngineRun qa(EngineRequest request) {
        throw new EngineUnavailableException(reason());
    }

    @Override
    public EngineHealth checkAvailability() {
        return EngineHealth.down(reason(), 0);
    }

    @Override
    public EngineHealth health() {
        return checkAvailability();
    }
}
