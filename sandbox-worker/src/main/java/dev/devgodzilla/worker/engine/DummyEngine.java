package dev.devgodzilla.worker.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.messages.SandboxJob;

/** Runs the scripted dummy agent with the prompt as its only argument. */
@ApplicationScoped
public class DummyEngine implements Engine {
    private final DummyAgentScript script;

    public DummyEngine(DummyAgentScript script) {
        this.script = script;
    }

    @Override
    public String agentId() {
        return AgentCatalog.DUMMY;
    }

    @Override
    public List<String> command(SandboxJob job, Path workspace) {
        return List.of(script.path().toString(), job.prompt() == null ? "" : job.prompt());
    }

    @Override
    public Map<String, String> environment(SandboxJob job) {
        return Map.of("DG_STEP_ID", job.stepId(), "DG_ATTEMPT", Integer.toString(job.attempt()));
    }
}
