package dev.devgodzilla.worker.way.cli;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;


import jakarta.enterprise.context.ApplicationScoped;


import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.worker.install.DummyAgentScript;
import dev.devgodzilla.worker.way.cli.parse.NoAnswerParser;

/** Runs the scripted dummy agent with the prompt as its only argument; its whole output is its answer. */
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
    public EngineRun plan(EngineRequest request) {
        return run(request);
    }

    @Override
    public EngineRun execute(EngineRequest request) {
        return run(request);
    }

    @Override
    public EngineRun qa(EngineRequest request) {
        return run(request);
    }

    // the dummy's prompt is a script of its own; framing it would change what it does. It reads it on stdin.
    private EngineRun run(EngineRequest request) {
        String prompt = request.job().prompt() == null ? "" : request.job().prompt();
        return new EngineRun(List.of(script.path().toString()),
                Map.of("DG_STEP_ID", request.job().stepId(), "DG_ATTEMPT", Integer.toString(request.job().attempt())),
                new NoAnswerParser(), null, prompt);
    }

    @Override
    public EngineHealth checkAvailability() {
        return Files.isExecutable(script.path()) ? EngineHealth.up(null, 0)
                : EngineHealth.down(script.path() + " is not executable", 0);
    }

}
