package dev.devgodzilla.contracts.agents;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
                    "Google's asynchronous coding agent, driven through its REST API."),
            new AgentMetadata(DUMMY, "Dummy engine", CLI, ".dummy/commands/", MARKDOWN, "none", CODING,
                    null, null, false, "dg-dummy-agent", "1",
                    "A scripted engine whose prompt selects what it does; for tests and demos.")));

    private static volatile Map<String, AgentMetadata> current = fromConfiguredFile();

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

    /** The agents the layer ships with, ignoring any agents file. */
    public static List<AgentMetadata> builtIn() {
        return List.copyOf(BUILT_IN.values());
    }

    /** Replaces the catalogue with the built-in agents merged with {@code file} (null: built-ins only). */
    public static void use(Path file) {
        current = file == null ? BUILT_IN : Collections.unmodifiableMap(AgentCatalogFile.merge(BUILT_IN, file));
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
                description);
    }

    private static AgentMetadata ide(String id, String name, String dir, PromptFormat format, String model,
                                     String binary, String install, String url, String description) {
        return new AgentMetadata(id, name, IDE, dir, format, model, CODING, url, install, false, binary, null,
                description);
    }

    private static Map<String, AgentMetadata> index(List<AgentMetadata> agents) {
        Map<String, AgentMetadata> byId = new LinkedHashMap<>();
        agents.forEach(a -> byId.put(a.id(), a));
        return Collections.unmodifiableMap(byId);
    }
}
