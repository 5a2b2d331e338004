package dev.devgodzilla.worker.engine.cli;

import java.util.ArrayList;
import java.util.List;

import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.worker.engine.EngineRequest;
import dev.devgodzilla.worker.engine.parse.ClaudeStreamParser;
import dev.devgodzilla.worker.engine.parse.StreamParser;

/**
 * Qoder: {@code qodercli -p <prompt> -o stream-json --permission-mode bypass_permissions -w <workspace>}.
 * Headless Qoder denies whatever needs confirmation, so plan and qa runs simply leave the bypass out.
 */
public final class QoderEngine extends CliEngine {

    public QoderEngine(AgentMetadata agent, CliEngineSettings settings) {
        super(agent, settings);
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
