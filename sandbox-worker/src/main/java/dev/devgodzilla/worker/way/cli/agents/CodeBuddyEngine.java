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

/**
 * CodeBuddy: {@code codebuddy -p --output-format stream-json --permission-mode bypassPermissions}, the prompt
 * on stdin (like Claude Code, whose CLI it follows, {@code -p} without a prompt argument reads it there).
 */
@Singleton
public final class CodeBuddyEngine extends CliEngine {

    /** Catalogue id of the agent this engine runs. */
    public static final String AGENT_ID = "codebuddy";

    public CodeBuddyEngine(CliEngineSettings settings) {
        super(AGENT_ID, settings);
    }

    @Override
    protected List<String> arguments(EngineRequest request) {
        List<String> args = new ArrayList<>(List.of("-p", "--output-format", "stream-json", "--permission-mode",
                request.taskType().readOnly() ? "plan" : "bypassPermissions"));
        addModel(args, "--model", request);
        return args;
    }

    /** {@code -p --resume <id>}. */
    @Override
    protected List<String> resumeArguments(String sessionId) {
        return List.of("--resume", sessionId);
    }

    @Override
    protected boolean promptOnStdin() {
        return true;
    }

    @Override
    protected Map<String, String> environment(EngineRequest request) {
        Map<String, String> env = new LinkedHashMap<>();
        baseUrl().ifPresent(url -> env.put("CODEBUDDY_BASE_URL", url));
        env.put("CODEBUDDY_CONFIG_DIR", request.home().visible(".codebuddy"));
        // without these it contacts www.codebuddy.ai and cnb.cool
        env.put("CODEBUDDY_REMOTE_CONFIG_DISABLED", "1");
        env.put("CODEBUDDY_SKIP_BUILTIN_MARKETPLACE", "1");
        env.put("CODEBUDDY_CODE_ENABLE_TELEMETRY", "0");
        env.put("CODEBUDDY_DISABLE_WEB_FETCH_REMOTE_API", "1");
        env.put("CODEBUDDY_SANDBOX_CLOUD_AUDIT_DISABLED", "1");
        env.put("DISABLE_TELEMETRY", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        return env;
    }

    @Override
    protected StreamParser parser() {
        return new ClaudeStreamParser();
    }
}
