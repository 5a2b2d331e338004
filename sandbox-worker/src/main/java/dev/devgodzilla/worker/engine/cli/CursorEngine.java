package dev.devgodzilla.worker.engine.cli;

import java.util.ArrayList;
import java.util.List;

import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.worker.engine.EngineRequest;
import dev.devgodzilla.worker.engine.parse.ClaudeStreamParser;
import dev.devgodzilla.worker.engine.parse.StreamParser;

/**
 * Cursor's agent CLI: {@code cursor-agent -p --output-format stream-json --force --trust <prompt>}.
 * Without {@code --force} edits are only proposed, which is what plan and qa runs want.
 */
public final class CursorEngine extends CliEngine {

    public CursorEngine(AgentMetadata agent, CliEngineSettings settings) {
        super(agent, settings);
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
