package dev.devgodzilla.worker.way.cli.agents;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import dev.devgodzilla.worker.way.cli.CliEngine;
import dev.devgodzilla.worker.way.cli.CliEngineSettings;
import dev.devgodzilla.worker.way.cli.ConfigFiles;
import dev.devgodzilla.worker.way.cli.EngineRequest;
import dev.devgodzilla.worker.way.cli.parse.ClaudeStreamParser;
import dev.devgodzilla.worker.way.cli.parse.StreamParser;

/**
 * Qwen Code: {@code qwen -o stream-json --approval-mode yolo --auth-type openai -p ""} with the prompt on
 * stdin; Claude's stream envelope. Qwen puts a piped stdin in front of the {@code -p} text, so an empty
 * {@code -p} keeps it headless without adding to the prompt (with none it appends "undefined"). Its settings.json switches off the usage statistics it otherwise sends.
 */
@Singleton
public final class QwenEngine extends CliEngine {

    /** Catalogue id of the agent this engine runs. */
    public static final String AGENT_ID = "qwen";

    public QwenEngine(CliEngineSettings settings) {
        super(AGENT_ID, settings);
    }

    @Override
    protected List<String> arguments(EngineRequest request) {
        return List.of("-o", "stream-json", "--approval-mode", request.taskType().readOnly() ? "plan" : "yolo",
                "--auth-type", "openai", "-p", "");
    }

    /** {@code --resume <id>}: found among the sessions of the same working directory, the workspace. */
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
