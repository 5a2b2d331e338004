package dev.devgodzilla.worker.way.cli.agents;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import dev.devgodzilla.worker.way.cli.CliEngine;
import dev.devgodzilla.worker.way.cli.CliEngineSettings;
import dev.devgodzilla.worker.way.cli.EngineRequest;
import dev.devgodzilla.worker.way.cli.parse.AuggieJsonParser;
import dev.devgodzilla.worker.way.cli.parse.StreamParser;

/** Auggie: {@code auggie --print --output-format json -m <model> -w <workspace> <prompt>}. */
@Singleton
public final class AuggieEngine extends CliEngine {

    /** Catalogue id of the agent this engine runs. */
    public static final String AGENT_ID = "auggie";

    public AuggieEngine(CliEngineSettings settings) {
        super(AGENT_ID, settings);
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
