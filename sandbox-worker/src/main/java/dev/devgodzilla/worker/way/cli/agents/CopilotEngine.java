package dev.devgodzilla.worker.way.cli.agents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import jakarta.inject.Singleton;

import dev.devgodzilla.worker.way.cli.CliEngine;
import dev.devgodzilla.worker.way.cli.CliEngineSettings;
import dev.devgodzilla.worker.way.cli.EngineRequest;
import dev.devgodzilla.worker.way.cli.parse.AgentResult;
import dev.devgodzilla.worker.way.cli.parse.CopilotJsonParser;
import dev.devgodzilla.worker.way.cli.parse.CopilotSessionUsage;
import dev.devgodzilla.worker.way.cli.parse.StreamParser;

/**
 * GitHub Copilot CLI: {@code copilot --output-format json --allow-all-tools --no-ask-user -p <prompt>}
 * with {@code COPILOT_HOME} in the run's HOME. A configured endpoint is used offline as a BYOK provider.
 * The token counts are read from the session log in that home once the process has ended.
 */
@Singleton
public final class CopilotEngine extends CliEngine {
    static final String HOME_DIR = ".copilot";

    /** Catalogue id of the agent this engine runs. */
    public static final String AGENT_ID = "copilot";

    public CopilotEngine(CliEngineSettings settings) {
        super(AGENT_ID, settings);
    }

    @Override
    protected List<String> arguments(EngineRequest request) {
        List<String> args = new ArrayList<>(List.of("--output-format", "json", "--allow-all-tools"));
        if (request.taskType().readOnly()) {
            args.add("--deny-tool=write");
        }
        args.addAll(List.of("--no-ask-user", "-p", request.framedPrompt()));
        return args;
    }

    /** {@code --resume=<id>}: with the value attached, as its optional-value flag needs. */
    @Override
    protected List<String> resumeArguments(String sessionId) {
        return List.of("--resume=" + sessionId);
    }

    @Override
    protected Map<String, String> environment(EngineRequest request) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("COPILOT_HOME", request.home().visible(HOME_DIR));
        env.put("COPILOT_AUTO_UPDATE", "false");
        baseUrl().ifPresent(url -> {
            env.put("COPILOT_OFFLINE", "true");
            env.put("COPILOT_PROVIDER_BASE_URL", url);
            env.put("COPILOT_PROVIDER_TYPE", "openai");
            env.put("COPILOT_PROVIDER_WIRE_API", "completions");
        });
        String model = model(request);
        if (model != null) {
            env.put("COPILOT_MODEL", model);
        }
        return env;
    }

    @Override
    protected UnaryOperator<AgentResult> afterExit(EngineRequest request) {
        return result -> result.withUsage(
                CopilotSessionUsage.read(request.home().host(HOME_DIR), result.sessionId()));
    }

    @Override
    protected StreamParser parser() {
        return new CopilotJsonParser();
    }
}
