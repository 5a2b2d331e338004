package dev.devgodzilla.worker.engine.cli;

import java.util.ArrayList;
import java.util.List;

import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.worker.engine.EngineRequest;
import dev.devgodzilla.worker.engine.parse.ClaudeStreamParser;
import dev.devgodzilla.worker.engine.parse.StreamParser;

/**
 * Amp: {@code amp -x <prompt> --stream-json --dangerously-allow-all}; its stream is Claude Code's format.
 * Plan and qa runs go without the allow-all switch.
 */
public final class AmpEngine extends CliEngine {

    public AmpEngine(AgentMetadata agent, CliEngineSettings settings) {
        super(agent, settings);
    }

    @Override
    protected List<String> arguments(EngineRequest request) {
        List<String> args = new ArrayList<>(List.of("-x", request.framedPrompt(), "--stream-json"));
        if (!request.taskType().readOnly()) {
            args.add("--dangerously-allow-all");
        }
        return args;
    }

    @Override
    protected StreamParser parser() {
        return new ClaudeStreamParser();
    }
}
