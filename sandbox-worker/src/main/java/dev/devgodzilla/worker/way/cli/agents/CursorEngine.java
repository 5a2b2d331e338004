package dev.devgodzilla.worker.way.cli.agents;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import dev.devgodzilla.worker.way.cli.CliEngine;
import dev.devgodzilla.worker.way.cli.CliEngineSettings;
import dev.devgodzilla.worker.way.cli.EngineRequest;
import dev.devgodzilla.worker.way.cli.parse.ClaudeStreamParser;
import dev.devgodzilla.worker.way.cli.parse.StreamParser;

/**
 * Cursor's agent CLI: {@code cursor-agent -p --output-format stream-json --force --trust <prompt>}.
 * Without {@code --force} edits are only proposed, which is what plan and qa runs want.
 */
@Singleton
public final class CursorEngine extends CliEngine {

    /** Catalogue id of the agent this engine runs. */
    public static final String AGENT_ID = "cursor";

    public CursorEngine(CliEngineSettings settings) {
        super(AGENT_ID, settings);
    }

    @Override
    protected List<String> arguments(EngineRequest request) {
        List<String> args = new ArrayList<>(List.of("-p", "--output-format", "stream-json"));
        if (!request.taskType().readOnly()) {
            args.add("--force");
        }
        args.add("--trust");
        String model = request.modelOr(agent.defaultModel());
        if (model != null && !model.isBlank()) {
            args.addAll(List.of("--model", model));
        }
        args.add(request.framedPrompt());
        return args;
    }

    @Override
    protected StreamParser parser() {
        return new ClaudeStreamParser();
    }
}
