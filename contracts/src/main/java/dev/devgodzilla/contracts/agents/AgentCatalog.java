package dev.devgodzilla.contracts.agents;

import dev.devgodzilla.contracts.Topics;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static dev.devgodzilla.contracts.agents.AgentKind.API;
import static dev.devgodzilla.contracts.agents.AgentKind.CLI;
import static dev.devgodzilla.contracts.agents.AgentKind.IDE;
import static dev.devgodzilla.contracts.agents.PromptFormat.JSON;
import static dev.devgodzilla.contracts.agents.PromptFormat.MARKDOWN;
import static dev.devgodzilla.contracts.agents.PromptFormat.TOML;

/**
 * The agents of the layer: the eighteen supported ones and {@code dummy} (for tests and demos), with
 * the overrides and additions of an {@code agents.yaml} named by the system property
 * {@value #FILE_PROPERTY} or the environment variable {@value #FILE_ENV}. Every service reads the same
 * file, so registry-service, execution-service and the workers agree on what exists.
 */
public final class AgentCatalog {
    public static final String DUMMY = "dummy";
    public static final String FILE_PROPERTY = "dg.agents.file";
    public static final String FILE_ENV = "DG_AGENTS_FILE";

    private static final List<String> CODING = List.of("plan", "execute", "qa");

    /**
     * Per agent, its vendor's API hosts and the variables its key usually lives in (passed on from the worker's
     * environment when set there), and NETWORK_RESTRICTED as its default mode: a real agent needs its model.
     */
    private static final Map<String, AgentSettings> VENDOR = Map.ofEntries(
            Map.entry("claude-code", AgentSettings.vendor(List.of("api.anthropic.com:443"), "ANTHROPIC_API_KEY")),
            Map.entry("codex", AgentSettings.vendor(List.of("api.openai.com:443", "chatgpt.com:443"),
                    "OPENAI_API_KEY")),
            Map.entry("opencode", AgentSettings.vendor(List.of("api.anthropic.com:443", "api.openai.com:443",
                    "models.dev:443", "opencode.ai:443"), "ANTHROPIC_API_KEY", "OPENAI_API_KEY")),
            Map.entry("gemini-cli", AgentSettings.vendor(List.of("generativelanguage.googleapis.com:443",
                    "cloudcode-pa.googleapis.com:443", "oauth2.googleapis.com:443"), "GEMINI_API_KEY")),
            Map.entry("copilot", AgentSettings.vendor(List.of("api.githubcopilot.com:443",
                    "*.githubcopilot.com:443", "api.github.com:443"), "COPILOT_GITHUB_TOKEN", "GH_TOKEN")),
            Map.entry("cursor", AgentSettings.vendor(List.of("api2.cursor.sh:443", "*.cursor.sh:443"),
                    "CURSOR_API_KEY")),
            Map.entry("qoder", AgentSettings.vendor(List.of("*.qoder.com:443", "*.qoder.sh:443"),
                    "QODER_PERSONAL_ACCESS_TOKEN")),
            Map.entry("qwen", AgentSettings.vendor(List.of("dashscope.aliyuncs.com:443",
                    "dashscope-intl.aliyuncs.com:443", "chat.qwen.ai:443"), "OPENAI_API_KEY", "DASHSCOPE_API_KEY")),
            Map.entry("q", AgentSettings.vendor(List.of("*.amazonaws.com:443", "*.kiro.dev:443"))),
            Map.entry("auggie", AgentSettings.vendor(List.of("*.augmentcode.com:443"), "AUGMENT_SESSION_AUTH")),
            Map.entry("codebuddy", AgentSettings.vendor(List.of("www.codebuddy.ai:443", "*.codebuddy.ai:443"),
                    "CODEBUDDY_API_KEY")),
            Map.entry("kilocode", AgentSettings.vendor(List.of("api.kilocode.ai:443", "*.kilocode.ai:443"),
                    "KILOCODE_API_KEY", "OPENAI_API_KEY")),
            Map.entry("amp", AgentSettings.vendor(List.of("ampcode.com:443", "*.ampcode.com:443"), "AMP_API_KEY")),
            Map.entry("shai", AgentSettings.vendor(List.of("*.endpoints.kepler.ai.cloud.ovh.net:443"),
                    "OVH_AI_ENDPOINTS_ACCESS_TOKEN")),
            Map.entry("jules", new AgentSettings(null, Map.of("JULES_API_KEY", "env:JULES_API_KEY"), List.of(), null,
                    null, null, null, null, null, null, null, null)));

    private static final Map<String, AgentMetadata> BUILT_IN = index(List.of(
            cli("codex", "OpenAI Codex", ".codex/commands/", MARKDOWN, "gpt-5-codex", "codex",
                    "npm install -g @openai/codex", "https://github.com/openai/codex",
                    "OpenAI's coding agent, run as `codex exec --json`."),
            cli("claude-code", "Claude Code", ".claude/commands/", MARKDOWN, "claude-sonnet-4-5", "claude",
                    "npm install -g @anthropic-ai/claude-code", "https://docs.anthropic.com/en/docs/claude-code/setup",
                    "Anthropic's coding agent, run as `claude -p --output-format stream-json`."),
            cli("opencode", "OpenCode", ".opencode/command/", MARKDOWN, "anthropic/claude-sonnet-4-5", "opencode",
                    "npm install -g opencode-ai", "https://opencode.ai",
                    "Open-source terminal agent, run as `opencode run --format json`."),
            cli("gemini-cli", "Gemini CLI", ".gemini/commands/", TOML, "gemini-2.5-pro", "gemini",
                    "npm install -g @google/gemini-cli", "https://github.com/google-gemini/gemini-cli",
                    "Google's terminal agent, run as `gemini -p -o stream-json`."),
            ide("copilot", "GitHub Copilot", ".github/agents/", MARKDOWN, "gpt-5", "copilot",
                    "npm install -g @github/copilot", "https://docs.github.com/en/copilot/how-tos/set-up/install-copilot-cli",
                    "GitHub Copilot: IDE agent files, or the headless `copilot -p` CLI."),
            ide("cursor", "Cursor", ".cursor/commands/", MARKDOWN, "auto", "cursor-agent",
                    null, "https://docs.cursor.com/en/cli/overview",
                    "Cursor: IDE command files, or the headless `cursor-agent -p` CLI."),
            ide("windsurf", "Windsurf", ".windsurf/workflows/", MARKDOWN, null, null,
                    null, "https://windsurf.com",
                    "Windsurf (now Devin): IDE workflow files."),
            cli("qoder", "Qoder", ".qoder/commands/", MARKDOWN, "auto", "qodercli",
                    "npm install -g @qoder-ai/qodercli", "https://qoder.com/cli",
                    "Qoder's terminal agent, run as `qodercli -p -o stream-json`."),
            cli("qwen", "Qwen Code", ".qwen/commands/", TOML, "qwen3-coder-plus", "qwen",
                    "npm install -g @qwen-code/qwen-code", "https://github.com/QwenLM/qwen-code",
                    "Qwen's terminal agent, run as `qwen -p -o stream-json`."),
            cli("q", "Amazon Q", ".amazonq/prompts/", MARKDOWN, null, "kiro-cli",
                    null, "https://kiro.dev/docs/cli/",
                    "Amazon Q Developer CLI, now Kiro CLI, run as `kiro-cli chat --no-interactive`."),
            cli("auggie", "Auggie", ".augment/rules/", MARKDOWN, "sonnet4.5", "auggie",
                    "npm install -g @augmentcode/auggie", "https://docs.augmentcode.com/cli/setup-auggie/install-auggie-cli",
                    "Augment's terminal agent, run as `auggie --print --output-format json`."),
            cli("codebuddy", "CodeBuddy", ".codebuddy/commands/", MARKDOWN, "auto", "codebuddy",
                    "npm install -g @tencent-ai/agent-sdk", "https://www.codebuddy.ai/cli",
                    "Tencent's terminal agent, run as `codebuddy -p --output-format stream-json`."),
            ide("kilocode", "Kilo Code", ".kilocode/rules/", MARKDOWN, null, "kilo",
                    "npm install -g @kilocode/cli@7.7.7", "https://kilocode.ai/docs/cli",
                    "Kilo Code: IDE rule files, or the headless `kilo run --format json` CLI."),
            ide("roo", "Roo Code", ".roo/rules/", MARKDOWN, null, null,
                    null, "https://roocode.com",
                    "Roo Code: IDE rule files (the extension has no CLI)."),
            cli("amp", "Amp", ".agents/commands/", MARKDOWN, null, "amp",
                    "npm install -g @sourcegraph/amp", "https://ampcode.com/manual#install",
                    "Sourcegraph's agent, run as `amp -x --stream-json`."),
            cli("shai", "SHAI", ".shai/commands/", MARKDOWN, null, "shai",
                    null, "https://github.com/ovh/shai",
                    "OVHcloud's terminal agent, run as `shai -p`."),
            ide("bob", "IBM Bob", ".bob/commands/", MARKDOWN, null, null,
                    null, "https://www.ibm.com/products/bob",
                    "IBM Bob: IDE command files."),
            new AgentMetadata("jules", "Jules", API, null, JSON, null, CODING,
                    "https://jules.google/docs/api/reference", null, false, null, "v1alpha",
                    "Google's asynchronous coding agent, driven through its REST API.", VENDOR.get("jules")),
            new AgentMetadata(DUMMY, "Dummy engine", CLI, ".dummy/commands/", MARKDOWN, "none", CODING,
                    null, null, false, "dg-dummy-agent", "1",
                    "A scripted engine whose prompt selects what it does; for tests and demos.", AgentSettings.NONE)));

    /** The built-in agents with the agents file applied: the base that registry-service's edits apply to. */
    private static volatile Map<String, AgentMetadata> configured = fromConfiguredFile();
    private static volatile Map<String, AgentMetadata> current = configured;
    /** Per agent, the version of the configuration last applied from registry-service. */
    private static final Map<String, Long> appliedVersions = new ConcurrentHashMap<>();

    private AgentCatalog() {
    }

    /** All agents in a stable order: the built-in ones first, then those only in the agents file. */
    public static List<AgentMetadata> all() {
        return List.copyOf(current.values());
    }

    public static Optional<AgentMetadata> find(String agentId) {
        return Optional.ofNullable(current.get(agentId));
    }

    public static boolean contains(String agentId) {
        return current.containsKey(agentId);
    }

    /** Every topic the layer uses with the agents it ships with: see {@link Topics#declared}. */
    public static List<String> declaredTopics() {
        return Topics.declared(BUILT_IN.keySet());
    }

    /** The agents the layer ships with, ignoring any agents file. */
    public static List<AgentMetadata> builtIn() {
        return List.copyOf(BUILT_IN.values());
    }

    /** Replaces the catalogue with the built-in agents merged with {@code file} (null: built-ins only). */
    public static synchronized void use(Path file) {
        configured = file == null ? BUILT_IN : Collections.unmodifiableMap(AgentCatalogFile.merge(BUILT_IN, file));
        current = configured;
        appliedVersions.clear();
    }

    /**
     * Applies registry-service's configuration of one agent unless a newer one was applied already: from now
     * on every lookup sees it, so the next run, dispatch or availability check uses it.
     *
     * @return whether it changed the catalogue
     */
    public static synchronized boolean apply(AgentConfiguration configuration) {
        String id = configuration.agentId();
        Long applied = appliedVersions.get(id);
        if (applied != null && applied > configuration.version()) {
            return false;
        }
        appliedVersions.put(id, configuration.version());
        Map<String, AgentMetadata> next = new LinkedHashMap<>(current);
        AgentMetadata before;
        if (configuration.removed() || configuration.agent() == null) {
            before = configured.containsKey(id) ? next.put(id, configured.get(id)) : next.remove(id);
        } else {
            before = next.put(id, configuration.agent());
        }
        current = Collections.unmodifiableMap(next);
        return !Objects.equals(before, next.get(id));
    }

    /** The agents of the agents file and the built-in ones, before any edit through registry-service's API. */
    public static List<AgentMetadata> configured() {
        return List.copyOf(configured.values());
    }

    /** The built-in definition of {@code agentId}, before any agents file or API edit. */
    public static Optional<AgentMetadata> builtIn(String agentId) {
        return Optional.ofNullable(BUILT_IN.get(agentId));
    }

    private static Map<String, AgentMetadata> fromConfiguredFile() {
        String file = System.getProperty(FILE_PROPERTY, System.getenv(FILE_ENV));
        if (file == null || file.isBlank()) {
            return BUILT_IN;
        }
        return Collections.unmodifiableMap(AgentCatalogFile.merge(BUILT_IN, Path.of(file)));
    }

    private static AgentMetadata cli(String id, String name, String dir, PromptFormat format, String model,
                                     String binary, String install, String url, String description) {
        return new AgentMetadata(id, name, CLI, dir, format, model, CODING, url, install, true, binary, null,
                description, VENDOR.getOrDefault(id, AgentSettings.NONE));
    }

    private static AgentMetadata ide(String id, String name, String dir, PromptFormat format, String model,
                                     String binary, String install, String url, String description) {
        return new AgentMetadata(id, name, IDE, dir, format, model, CODING, url, install, false, binary, null,
                description, VENDOR.getOrDefault(id, AgentSettings.NONE));
    }

    private static Map<String, AgentMetadata> index(List<AgentMetadata> agents) {
        Map<String, AgentMetadata> byId = new LinkedHashMap<>();
        agents.forEach(a -> byId.put(a.id(), a));
        return Collections.unmodifiableMap(byId);
    }
}
