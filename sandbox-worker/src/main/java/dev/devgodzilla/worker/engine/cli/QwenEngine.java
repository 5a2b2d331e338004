package dev.devgodzilla.worker.engine.cli;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.worker.engine.EngineRequest;
import dev.devgodzilla.worker.engine.parse.ClaudeStreamParser;
import dev.devgodzilla.worker.engine.parse.StreamParser;

/**
 * Qwen Code: {@code qwen -o stream-json --approval-mode yolo --auth-type openai -p <prompt>}; Claude's
 * stream envelope. Its settings.json switches off the usage statistics it otherwise sends.
 */
public final class QwenEngine extends CliEngine {

    public QwenEngine(AgentMetadata agent, CliEngineSettings settings) {
        super(agent, settings);
    }

    @Override
    protected List<String> arguments(EngineRequest request) {
        return List.of("-o", "stream-json", "--approval-mode", request.taskType().readOnly() ? "plan" : "yolo",
                "--auth-type", "openai", "-p", request.framedPrompt());
    }

    @Override
    protected Map<String, String> environment(EngineRequest request) {
        Map<String, String> env = new LinkedHashMap<>();
        baseUrl().ifPresent(url -> env.put("OPENAI_BASE_URL", url));
        String model = model(request);
        if (model != null) {
            env.put("OPENAI_MODEL", model);
        }
        env.put("QWEN_CODE_SUPPRESS_YOLO_WARNING", "1");
        return env;
    }

    @Override
    public void syncConfig(EngineRequest request) throws IOException {
        ConfigFiles.write(request.home().host(".qwen/settings.json"), """
                {"privacy":{"usageStatisticsEnabled":false},"telemetry":{"enabled":false},
                 "general":{"disableAutoUpdate":true,"disableUpdateNag":true}}
                """);
    }

    @Override
    protected StreamParser parser() {
        return new ClaudeStreamParser();
    }
}
