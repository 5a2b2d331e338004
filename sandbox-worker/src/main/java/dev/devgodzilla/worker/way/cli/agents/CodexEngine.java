package dev.devgodzilla.worker.way.cli.agents;

import java.io.IOException;
import java.util.List;
import java.util.Map;


import jakarta.inject.Singleton;


import dev.devgodzilla.worker.way.cli.CliEngine;
import dev.devgodzilla.worker.way.cli.CliEngineSettings;
import dev.devgodzilla.worker.way.cli.ConfigFiles;
import dev.devgodzilla.worker.way.cli.EngineRequest;
import dev.devgodzilla.worker.way.cli.parse.CodexJsonParser;
import dev.devgodzilla.worker.way.cli.parse.StreamParser;

/**
 * Codex: {@code codex exec --json --skip-git-repo-check -s danger-full-access -C <workspace>} with its
 * own {@code CODEX_HOME/config.toml}. {@code workspace-write} is not used: Codex's inner sandbox cannot
 * write inside ours (the write fails and Codex still exits 0); the run is confined by the worker's sandbox.
 */
@Singleton
public final class CodexEngine extends CliEngine {
    /** Codex's API-key variable for a configured endpoint; the built-in openai provider cannot be re-pointed. */
    static final String KEY_VARIABLE = "OPENAI_API_KEY";

    /** Catalogue id of the agent this engine runs. */
    public static final String AGENT_ID = "codex";

    public CodexEngine(CliEngineSettings settings) {
        super(AGENT_ID, settings);
    }

    @Override
    protected List<String> arguments(EngineRequest request) {
        return List.of("exec", "--json", "--skip-git-repo-check", "-s",
                request.taskType().readOnly() ? "read-only" : "danger-full-access",
                "-C", request.workspace().toString(), "-");
    }

    /** {@code codex exec resume <thread> -}: {@code -s} and {@code -C} must come before {@code resume}. */
    @Override
    protected List<String> resumeArguments(String sessionId) {
        return List.of("resume", sessionId);
    }

    @Override
    protected List<String> withResume(List<String> args, String sessionId) {
        List<String> all = new java.util.ArrayList<>(args.subList(0, args.size() - 1));
        all.addAll(resumeArguments(sessionId));
        all.add(args.getLast());
        return all;
    }

    /** {@code codex exec -} reads its instructions from standard input. */
    @Override
    protected boolean promptOnStdin() {
        return true;
    }

    @Override
    protected Map<String, String> environment(EngineRequest request) {
        return Map.of("CODEX_HOME", request.home().visible(".codex"));
    }

    @Override
    public void syncConfig(EngineRequest request) throws IOException {
        StringBuilder toml = new StringBuilder();
        String model = model(request);
        if (model != null) {
            toml.append("model = \"").append(model).append("\"\n");
        }
        baseUrl().ifPresent(url -> toml.append("model_provider = \"dg\"\n"));
        // without the feature off-switches Codex contacts github.com and chatgpt.com on startup
        toml.append("""
                check_for_update_on_startup = false

                [analytics]
                enabled = false

                [feedback]
                enabled = false

                [features]
                apps = false
                plugins = false
                remote_plugin = false
                plugin_sharing = false
                api_key_model_discovery = false
                in_app_updates = false
                skill_mcp_dependency_install = false
                tool_suggest = false
                image_generation = false
                browser_use = false
                computer_use = false
                daemon_auto_start = false
                """);
        baseUrl().ifPresent(url -> toml.append("""

                [model_providers.dg]
                name = "dg"
                base_url = "%s"
                env_key = "%s"
                wire_api = "responses"
                """.formatted(url, KEY_VARIABLE)));
        ConfigFiles.write(request.home().host(".codex/config.toml"), toml.toString());
    }

    @Override
    protected StreamParser parser() {
        return new CodexJsonParser();
    }
}
