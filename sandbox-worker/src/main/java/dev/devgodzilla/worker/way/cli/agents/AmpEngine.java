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
 * Amp: {@code amp -x <prompt> --stream-json --dangerously-allow-all}; its stream is Claude Code's format.
 * Plan and qa runs go without the allow-all switch.
 */
@Singleton
public final class AmpEngine extends CliEngine {

    /** Catalogue id of the agent this engine runs. */
    public static final String AGENT_ID = "amp";

    public AmpEngine(CliEngineSettings settings) {
        super(AGENT_ID, settings);
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
