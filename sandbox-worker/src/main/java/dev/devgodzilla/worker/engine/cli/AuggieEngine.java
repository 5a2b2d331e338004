package dev.devgodzilla.worker.engine.cli;

import java.util.ArrayList;
import java.util.List;

import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.worker.engine.EngineRequest;
import dev.devgodzilla.worker.engine.parse.AuggieJsonParser;
import dev.devgodzilla.worker.engine.parse.StreamParser;

/** Auggie: {@code auggie --print --output-format json -m <model> -w <workspace> <prompt>}. */
public final class AuggieEngine extends CliEngine {

    public AuggieEngine(AgentMetadata agent, CliEngineSettings settings) {
        super(agent, settings);
    }

    @Override
    protected List<String> arguments(EngineRequest request) {
        List<String> args = new ArrayList<>(List.of("--print", "--output-format", "json"));
        addModel(args, "-m", request);
        args.addAll(List.of("-w", request.workspace().toString(), request.framedPrompt()));
        return args;
    }

    @Override
    protected StreamParser parser() {
        return new AuggieJsonParser();
    }
}
