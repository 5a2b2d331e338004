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
 * Qoder: {@code qodercli -p <prompt> -o stream-json --permission-mode bypass_permissions -w <workspace>}.
 * Headless Qoder denies whatever needs confirmation, so plan and qa runs simply leave the bypass out.
 */
@Singleton
public final class QoderEngine extends CliEngine {

    /** Catalogue id of the agent this engine runs. */
    public static final String AGENT_ID = "qoder";

    public QoderEngine(CliEngineSettings settings) {
        super(AGENT_ID, settings);
    }

    @Override
    protected List<String> arguments(EngineRequest request) {
        List<String> args = new ArrayList<>(List.of("-p", request.framedPrompt(), "-o", "stream-json"));
        if (!request.taskType().readOnly()) {
            args.addAll(List.of("--permission-mode", "bypass_permissions"));
        }
        args.addAll(List.of("-w", request.workspace().toString()));
        addModel(args, "-m", request);
        return args;
    }

    @Override
    protected StreamParser parser() {
        return new ClaudeStreamParser();
    }
}
