package dev.devgodzilla.modelserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devgodzilla.modelserver.RealCliConformanceTest.Context;
import dev.devgodzilla.modelserver.RealCliConformanceTest.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The verified headless recipe of each CLI: arguments, environment and config files that point it
 * at the scripted server with telemetry and updates off, its own file-writing tool, and where its
 * stream carries the final message and the token counts.
 */
final class AgentRecipes {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Points npm-style registry look-ups (OpenCode and Kilo check plugin versions on first run) at a closed port. */
    private static final String NO_REGISTRY = "http://127.0.0.1:9/";

    private AgentRecipes() {
    }

    @FunctionalInterface
    interface Setup {
        void accept(Context context) throws IOException;
    }

    record Recipe(
            String binary,
            Function<Context, List<String>> arguments,
            Function<Context, Map<String, String>> environment,
            Setup setup,
            List<String> configFiles,
            Function<Context, Turn> writeTurn,
            Function<Result, String> finalMessage,
            Function<Result, Integer> tokens,
            int timeoutSeconds) {
    }

    static final Map<String, Recipe> ALL = new LinkedHashMap<>();

    static {
        ALL.put("claude", new Recipe("claude",
                c -> List.of("-p", "--output-format", "stream-json", "--verbose", "--model", "claude-sonnet-4-5",
                        "--permission-mode", "bypassPermissions"),
                c -> env("ANTHROPIC_BASE_URL", c.baseUrl(), "ANTHROPIC_API_KEY", c.apiKey(),
                        "IS_SANDBOX", "1", "DISABLE_TELEMETRY", "1", "DISABLE_AUTOUPDATER", "1",
                        "DISABLE_ERROR_REPORTING", "1", "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1"),
                c -> { },
                List.of(),
                c -> Turn.toolCall("Write", args("file_path", hello(c), "content", "hello from " + c.agent())),
                AgentRecipes::claudeResult,
                AgentRecipes::claudeTokens,
                180));

        ALL.put("codex", new Recipe("codex",
                c -> List.of("exec", "--json", "--skip-git-repo-check", "-s", "danger-full-access",
                        "-C", c.workspace().toString()),
                c -> env("CODEX_HOME", c.home().resolve(".codex").toString(), "SCRIPTED_API_KEY", c.apiKey()),
                c -> write(c.home().resolve(".codex/config.toml"), """
                        model = "scripted-model"
                        model_provider = "scripted"
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

                        [model_providers.scripted]
                        name = "scripted"
                        base_url = "%s/v1"
                        env_key = "SCRIPTED_API_KEY"
                        wire_api = "responses"
                        """.formatted(c.baseUrl())),
                List.of("$CODEX_HOME/config.toml (provider block, [features] off-switches)"),
                c -> Turn.toolCall("exec_command", args("cmd", "apply_patch <<'PATCH'\n*** Begin Patch\n"
                        + "*** Add File: hello.txt\n+hello from " + c.agent() + "\n*** End Patch\nPATCH\n")),
                r -> last(r, e -> "item.completed".equals(e.path("type").asText())
                        && "agent_message".equals(e.at("/item/type").asText()), e -> e.at("/item/text").asText()),
                RealCliConformanceTest.sum(e -> "turn.completed".equals(e.path("type").asText())
                        ? e.at("/usage/input_tokens").asInt() + e.at("/usage/output_tokens").asInt() : 0),
                180));

        ALL.put("opencode", openCodeFamily("opencode", "OPENCODE", true));
        ALL.put("kilo", openCodeFamily("kilo", "KILO", false));

        ALL.put("gemini", new Recipe("gemini",
                c -> List.of("-o", "stream-json", "-m", "gemini-2.5-pro", "--approval-mode", "yolo", "--skip-trust", "-p"),
                c -> env("GEMINI_API_KEY", c.apiKey(), "GOOGLE_GEMINI_BASE_URL", c.baseUrl(),
                        "GEMINI_CLI_NO_RELAUNCH", "true"),
                c -> write(c.home().resolve(".gemini/settings.json"), """
                        {"security":{"auth":{"selectedType":"gemini-api-key"}},
                         "privacy":{"usageStatisticsEnabled":false},"telemetry":{"enabled":false},
                         "general":{"disableAutoUpdate":true,"disableUpdateNag":true}}
                        """),
                List.of("$HOME/.gemini/settings.json (auth type gemini-api-key, telemetry and updates off)"),
                c -> Turn.toolCall("write_file", args("file_path", hello(c), "content", "hello from " + c.agent())),
                AgentRecipes::geminiFinalMessage,
                r -> last(r, e -> "result".equals(e.path("type").asText()), e -> e.at("/stats/total_tokens").asInt()),
                180));

        ALL.put("qwen", new Recipe("qwen",
                c -> List.of("-o", "stream-json", "--approval-mode", "yolo", "--auth-type", "openai", "-p"),
                c -> env("OPENAI_BASE_URL", c.baseUrl() + "/v1", "OPENAI_API_KEY", c.apiKey(),
                        "OPENAI_MODEL", "scripted-model", "QWEN_CODE_SUPPRESS_YOLO_WARNING", "1"),
                c -> write(c.home().resolve(".qwen/settings.json"), """
                        {"privacy":{"usageStatisticsEnabled":false},"telemetry":{"enabled":false},
                         "general":{"disableAutoUpdate":true,"disableUpdateNag":true}}
                        """),
                List.of("$HOME/.qwen/settings.json (usage statistics, telemetry and updates off)"),
                c -> Turn.toolCall("write_file", args("file_path", hello(c), "content", "hello from " + c.agent())),
                AgentRecipes::claudeResult,
                AgentRecipes::claudeTokens,
                180));

        ALL.put("copilot", new Recipe("copilot",
                c -> List.of("--output-format", "json", "--allow-all-tools", "--no-ask-user", "-p"),
                c -> env("COPILOT_HOME", c.home().resolve(".copilot").toString(), "COPILOT_OFFLINE", "true",
                        "COPILOT_AUTO_UPDATE", "false", "COPILOT_PROVIDER_BASE_URL", c.baseUrl() + "/v1",
                        "COPILOT_PROVIDER_API_KEY", c.apiKey(), "COPILOT_PROVIDER_TYPE", "openai",
                        "COPILOT_PROVIDER_WIRE_API", "completions", "COPILOT_MODEL", "scripted-model"),
                c -> { },
                List.of(),
                c -> Turn.toolCall("create", args("path", hello(c), "file_text", "hello from " + c.agent())),
                r -> last(r, e -> "assistant.message".equals(e.path("type").asText())
                        && !e.at("/data/content").asText().isEmpty(), e -> e.at("/data/content").asText()),
                AgentRecipes::copilotTokens,
                180));

        ALL.put("codebuddy", new Recipe("codebuddy",
                c -> List.of("--output-format", "stream-json", "--permission-mode", "bypassPermissions",
                        "--model", "scripted-model", "-p"),
                c -> env("CODEBUDDY_BASE_URL", c.baseUrl() + "/v1", "CODEBUDDY_API_KEY", c.apiKey(),
                        "CODEBUDDY_CONFIG_DIR", c.home().resolve(".codebuddy").toString(),
                        "CODEBUDDY_REMOTE_CONFIG_DISABLED", "1", "CODEBUDDY_SKIP_BUILTIN_MARKETPLACE", "1",
                        "CODEBUDDY_CODE_ENABLE_TELEMETRY", "0", "CODEBUDDY_DISABLE_WEB_FETCH_REMOTE_API", "1",
                        "CODEBUDDY_SANDBOX_CLOUD_AUDIT_DISABLED", "1", "DISABLE_TELEMETRY", "1",
                        "DISABLE_AUTOUPDATER", "1"),
                c -> { },
                List.of(),
                c -> Turn.toolCall("Write", args("file_path", hello(c), "content", "hello from " + c.agent())),
                AgentRecipes::claudeResult,
                AgentRecipes::claudeTokens,
                180));
    }

    /** OpenCode and its fork Kilo share flags, config shape and stream. */
    private static Recipe openCodeFamily(String binary, String envPrefix, boolean opencode) {
        return new Recipe(binary,
                c -> List.of("run", "--format", "json", "--auto", "--dir", c.workspace().toString()),
                c -> {
                    Map<String, String> env = env(envPrefix + "_CONFIG_CONTENT", openCodeConfig(c, opencode),
                            envPrefix + "_DISABLE_AUTOUPDATE", "1", envPrefix + "_DISABLE_MODELS_FETCH", "1",
                            "npm_config_registry", NO_REGISTRY);
                    if (!opencode) {
                        env.putAll(env("KILO_CONFIG_DIR", c.home().resolve(".config/kilo").toString(),
                                "KILO_TELEMETRY_LEVEL", "off", "KILO_DISABLE_SESSION_INGEST", "1",
                                "KILO_DISABLE_PRESENCE", "1", "KILO_API_URL", "http://127.0.0.1:9",
                                "KILO_API_BASE", "http://127.0.0.1:9", "KILO_NO_DAEMON", "1"));
                    }
                    return env;
                },
                c -> { },
                List.of(),
                c -> Turn.toolCall("write", args("filePath", hello(c), "content", "hello from " + c.agent())),
                r -> last(r, e -> "text".equals(e.path("type").asText()), e -> e.at("/part/text").asText()),
                RealCliConformanceTest.sum(e -> "step_finish".equals(e.path("type").asText())
                        ? e.at("/part/tokens/input").asInt() + e.at("/part/tokens/output").asInt() : 0),
                180);
    }

    private static String openCodeConfig(Context c, boolean opencode) {
        ObjectNode config = JSON.createObjectNode();
        config.put("autoupdate", false);
        if (opencode) {
            config.put("share", "disabled");
        }
        ObjectNode provider = config.putObject("provider").putObject("scripted")
                .put("npm", "@ai-sdk/openai-compatible").put("name", "Scripted");
        provider.putObject("options").put("baseURL", c.baseUrl() + "/v1").put("apiKey", c.apiKey());
        provider.putObject("models").putObject("scripted-model").put("name", "Scripted model");
        config.put("model", "scripted/scripted-model").put("small_model", "scripted/scripted-model");
        return config.toString();
    }

    /** Claude, Qwen and CodeBuddy end with a {@code result} event carrying the final text. */
    private static String claudeResult(Result r) {
        return last(r, e -> "result".equals(e.path("type").asText()), e -> e.path("result").asText());
    }

    private static Integer claudeTokens(Result r) {
        return last(r, e -> "result".equals(e.path("type").asText()),
                e -> e.at("/usage/input_tokens").asInt() + e.at("/usage/output_tokens").asInt());
    }

    /** Gemini streams assistant text as deltas; the final message is the text after the last tool result. */
    private static String geminiFinalMessage(Result r) {
        StringBuilder text = new StringBuilder();
        for (JsonNode e : r.events()) {
            String type = e.path("type").asText();
            if (type.equals("tool_use") || type.equals("tool_result")) {
                text.setLength(0);
            } else if (type.equals("message") && "assistant".equals(e.path("role").asText())) {
                text.append(e.path("content").asText());
            }
        }
        return text.toString();
    }

    /** Copilot's stdout has no token counts; its session log under COPILOT_HOME has them at shutdown. */
    private static Integer copilotTokens(Result r) {
        Path sessions = r.context().home().resolve(".copilot/session-state");
        try (Stream<Path> files = Files.walk(sessions)) {
            int total = 0;
            for (Path file : files.filter(p -> p.getFileName().toString().equals("events.jsonl")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    JsonNode event = JSON.readTree(line);
                    if ("session.shutdown".equals(event.path("type").asText())) {
                        for (JsonNode model : event.at("/data/modelMetrics")) {
                            total += model.at("/usage/inputTokens").asInt() + model.at("/usage/outputTokens").asInt();
                        }
                    }
                }
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T last(Result r, java.util.function.Predicate<JsonNode> filter, Function<JsonNode, T> value) {
        List<JsonNode> matching = r.events().stream().filter(filter).toList();
        if (matching.isEmpty()) {
            throw new AssertionError("no matching event in stream:\n" + r.stdout());
        }
        return value.apply(matching.get(matching.size() - 1));
    }

    private static String hello(Context c) {
        return c.workspace().resolve("hello.txt").toString();
    }

    private static String args(String... namesAndValues) {
        ObjectNode args = JSON.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            args.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return args.toString();
    }

    private static Map<String, String> env(String... namesAndValues) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            env.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return env;
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
