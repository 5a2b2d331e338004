package dev.devgodzilla.worker.way.cli.agents;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import dev.devgodzilla.worker.way.cli.CliEngine;
import dev.devgodzilla.worker.way.cli.CliEngineSettings;
import dev.devgodzilla.worker.way.cli.ConfigFiles;
import dev.devgodzilla.worker.way.cli.EngineRequest;
import dev.devgodzilla.worker.way.cli.parse.GeminiStreamParser;
import dev.devgodzilla.worker.way.cli.parse.StreamParser;

/**
 * Gemini CLI: {@code gemini -o stream-json --approval-mode yolo --skip-trust} with the prompt on stdin and
 * its settings.json (API-key auth, statistics, telemetry and updates off). Without {@code --skip-trust}
 * yolo is silently downgraded in an untrusted folder. A stdin that is not a terminal makes the CLI
 * headless and is read whole as the prompt (up to 8 MiB), so no {@code -p} is needed.
 */
@Singleton
public final class GeminiEngine extends CliEngine {

    /** Catalogue id of the agent this engine runs. */
    public static final String AGENT_ID = "gemini-cli";

    public GeminiEngine(CliEngineSettings settings) {
        super(AGENT_ID, settings);
    }

    @Override
    protected List<String> arguments(EngineRequest request) {
        List<String> args = new ArrayList<>(List.of("-o", "stream-json"));
        addModel(args, "-m", request);
        args.addAll(List.of("--approval-mode", request.taskType().readOnly() ? "plan" : "yolo", "--skip-trust"));
        return args;
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
        baseUrl().ifPresent(url -> env.put("GOOGLE_GEMINI_BASE_URL", url));
        env.put("GEMINI_CLI_NO_RELAUNCH", "true");
        return env;
    }

    @Override
    public void syncConfig(EngineRequest request) throws IOException {
        ConfigFiles.write(request.home().host(".gemini/settings.json"), """
                {"security":{"auth":{"selectedType":"gemini-api-key"}},
                 "privacy":{"usageStatisticsEnabled":false},"telemetry":{"enabled":false},
                 "general":{"disableAutoUpdate":true,"disableUpdateNag":true}}
                """);
    }

    @Override
    public String describeExit(int exitCode) {
        return switch (exitCode) {
            case 41 -> "gemini exited with code 41: authentication failed (check GEMINI_API_KEY)";
            case 42 -> "gemini exited with code 42: the prompt or arguments were rejected as bad input";
            case 44 -> "gemini exited with code 44: its sandbox could not start";
            case 52 -> "gemini exited with code 52: its configuration is invalid";
            case 53 -> "gemini exited with code 53: the turn limit was reached before the task was done";
            case 130 -> "gemini exited with code 130: it was interrupted";
            default -> super.describeExit(exitCode);
        };
    }

    @Override
    protected StreamParser parser() {
        return new GeminiStreamParser();
    }
}
