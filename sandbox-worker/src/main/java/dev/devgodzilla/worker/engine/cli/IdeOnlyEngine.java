package dev.devgodzilla.worker.engine.cli;

import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.worker.engine.Engine;
import dev.devgodzilla.worker.engine.EngineHealth;
import dev.devgodzilla.worker.engine.EngineRequest;
import dev.devgodzilla.worker.engine.EngineRun;
import dev.devgodzilla.worker.engine.EngineUnavailableException;
import dev.devgodzilla.worker.handoff.AgentWays;

/**
 * An agent that only lives in an IDE (Windsurf, Roo, Bob). Its steps never run as a process: the worker
 * hands them over as a command file ({@code handoff.IdeHandOff}), so this engine is available, with
 * "IDE hand-off" as its version, and has no command line to give.
 */
public final class IdeOnlyEngine implements Engine {
    private final AgentMetadata agent;

    public IdeOnlyEngine(AgentMetadata agent) {
        this.agent = agent;
    }

    @Override
    public String agentId() {
        return agent.id();
    }

    private EngineUnavailableException noCommandLine() {
        return new EngineUnavailableException(agent.name() + " is an IDE agent: its steps are handed over through "
                + "its command directory (" + agent.commandDir() + ") in the workspace, not run as a process");
    }

    @Override
    public EngineRun plan(EngineRequest request) {
        throw noCommandLine();
    }

    @Override
    public EngineRun execute(EngineRequest request) {
        throw noCommandLine();
    }

    @Override
    public EngineRun qa(EngineRequest request) {
        throw noCommandLine();
    }

    @Override
    public EngineHealth checkAvailability() {
        return EngineHealth.up(AgentWays.IDE_HAND_OFF, 0);
    }

    @Override
    public EngineHealth health() {
        return checkAvailability();
    }
}
