package dev.devgodzilla.worker.engine.cli;

import java.util.List;

import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.worker.engine.EngineRequest;
import dev.devgodzilla.worker.engine.parse.PlainTextParser;
import dev.devgodzilla.worker.engine.parse.StreamParser;

/**
 * Amazon Q, now Kiro CLI: {@code kiro-cli chat --no-interactive --trust-all-tools <prompt>}; text output.
 * A tool that resolves to "ask" stalls a non-interactive run, so plan and qa trust only reading files
 * (the idle watchdog ends a stall).
 */
public final class KiroEngine extends CliEngine {

    public KiroEngine(AgentMetadata agent, CliEngineSettings settings) {
        super(agent, settings);
    }

    @Override
    protected List<String> arguments(EngineRequest request) {
        return List.of("chat", "--no-interactive",
                request.taskType().readOnly() ? "--trust-tools=fs_read" : "--trust-all-tools", request.framedPrompt());
    }

    @Override
    protected StreamParser parser() {
        return new PlainTextParser();
    }
}
