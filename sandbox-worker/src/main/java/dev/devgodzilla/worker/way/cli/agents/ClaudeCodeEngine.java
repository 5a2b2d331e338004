package dev.devgodzilla.worker.way.cli.agents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


import jakarta.inject.Singleton;


import dev.devgodzilla.worker.way.cli.CliEngine;
import dev.devgodzilla.worker.way.cli.CliEngineSettings;
import dev.devgodzilla.worker.way.cli.EngineRequest;
import dev.devgodzilla.worker.way.cli.parse.ClaudeStreamParser;
import dev.devgodzilla.worker.way.cli.parse.StreamParser;

/** Claude Code: {@code claude -p --output-format stream-json --verbose --permission-mode bypassPermissions}. */
@Singleton
public final class ClaudeCodeEngine extends CliEngine {

    /** Catalogue id of the agent this engine runs. */
    public static final String AGENT_ID = "claude-code";

    public ClaudeCodeEngine(CliEngineSettings settings) {
        super(AGENT_ID, settings);
    }

    @Override
    protected List<String> arguments(EngineRequest request) {
        List<String> args = new ArrayList<>(List.of("-p", "--output-format", "stream-json", "--verbose"));
        addModel(args, "--model", request);
        args.addAll(List.of("--permission-mode", request.taskType().readOnly() ? "plan" : "bypassPermissions"));
        return args;
    }

    /** {@code claude -p --resume <session>}: its sessions are kept under the run's HOME. */
    @Override
    protected List<String> resumeArguments(String sessionId) {
        return List.of("--resume", sessionId);
    }

    /** {@code claude -p} without a prompt argument reads it from standard input. */
    @Override
    protected boolean promptOnStdin() {
        return true;
    }

    @Override
    protected Map<String, String> environment(EngineRequest request) {
        Map<String, String> env = new LinkedHashMap<>();
        baseUrl().ifPresent(url -> env.put("ANTHROPIC_BASE_URL", url));
        // runs are sandboxed; as root Claude refuses bypassPermissions unless told it is in a sandbox
        env.put("IS_SANDBOX", "1");
        env.put("DISABLE_TELEMETRY", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("DISABLE_ERROR_REPORTING", "1");
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        return env;
    }

    @Override
    protected StreamParser parser() {
        return new ClaudeStreamParser();
    }
}
