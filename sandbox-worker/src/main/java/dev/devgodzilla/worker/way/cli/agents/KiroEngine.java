package dev.devgodzilla.worker.way.cli.agents;

import java.util.List;

import jakarta.inject.Singleton;

import dev.devgodzilla.worker.way.cli.CliEngine;
import dev.devgodzilla.worker.way.cli.CliEngineSettings;
import dev.devgodzilla.worker.way.cli.EngineRequest;
import dev.devgodzilla.worker.way.cli.parse.PlainTextParser;
import dev.devgodzilla.worker.way.cli.parse.StreamParser;

/**
 * Amazon Q, now Kiro CLI: {@code kiro-cli chat --no-interactive --trust-all-tools <prompt>}; text output.
 * A tool that resolves to "ask" stalls a non-interactive run, so plan and qa trust only reading files
 * (the idle watchdog ends a stall).
 */
@Singleton
public final class KiroEngine extends CliEngine {

    /** Catalogue id of the agent this engine runs. */
    public static final String AGENT_ID = "q";

    public KiroEngine(CliEngineSettings settings) {
        super(AGENT_ID, settings);
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
