package dev.devgodzilla.worker.way.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;


import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;


import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.worker.attempt.Way;
import dev.devgodzilla.worker.sandbox.RunHome;
import dev.devgodzilla.worker.way.AgentWays;

/** The exact command line, environment and config files every catalogue agent gets. */
class CliEngineCommandLinesTest {
    private static final String P = "Create hello.txt";
    private static final Path WS = Path.of("/work/ws");

    @TempDir
    Path bin;
    @TempDir
    Path home;

    private CliEngineSettings settings;

    @BeforeEach
    void installStubs() throws IOException {
        for (AgentMetadata agent : AgentCatalog.all()) {
            if (agent.binary() != null && !AgentCatalog.DUMMY.equals(agent.id())) {
                Path stub = bin.resolve(agent.binary());
                Files.writeString(stub, "#!/bin/sh\necho 1.0.0\n");
                Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        settings = new CliEngineSettings(List.of(bin), Map.of(
                "claude-code", "http://127.0.0.1:7000",
                "codex", "http://127.0.0.1:7000/v1",
                "opencode", "http://127.0.0.1:7000/v1",
                "kilocode", "http://127.0.0.1:7000/v1",
                "gemini-cli", "http://127.0.0.1:7000",
                "qwen", "http://127.0.0.1:7000/v1",
                "copilot", "http://127.0.0.1:7000/v1",
                "codebuddy", "http://127.0.0.1:7000/v1",
                "shai", "http://127.0.0.1:7000/v1"), Duration.ofSeconds(5));
    }

    @Test
    void everyCatalogueAgentWithAHeadlessCliHasABuiltInEngine() {
        List<String> ids = BuiltInEngines.all(settings).stream().map(Engine::agentId).toList();
        AgentWays ways = new AgentWays(List.of(), java.util.Optional.empty(), "v1alpha");
        List<String> expected = new ArrayList<>(AgentCatalog.all().stream()
                .filter(agent -> ways.of(agent.id()) == Way.CLI).map(AgentMetadata::id)
                .filter(id -> !id.equals(AgentCatalog.DUMMY)).toList());
        assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(expected).hasSize(14);
    }

    @Test
    void claude() {
        EngineRun run = run("claude-code", TaskType.EXECUTE, "claude-sonnet-4-5");
        assertThat(run.command()).containsExactly(bin("claude"), "-p", "--output-format", "stream-json", "--verbose",
                "--model", "claude-sonnet-4-5", "--permission-mode", "bypassPermissions");
        // the prompt goes on stdin: no length limit, and not in the host's /proc/<pid>/cmdline
        assertThat(run.stdin()).isEqualTo(P);
        assertThat(run.environment()).containsEntry("ANTHROPIC_BASE_URL", "http://127.0.0.1:7000")
                .containsEntry("IS_SANDBOX", "1").containsEntry("DISABLE_TELEMETRY", "1")
                .containsEntry("DISABLE_AUTOUPDATER", "1").containsEntry("DISABLE_ERROR_REPORTING", "1")
                .containsEntry("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1")
                .containsEntry("XDG_CONFIG_HOME", "/home/agent/.config")
                .containsEntry("PATH", bin + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        EngineRun plan = run("claude-code", TaskType.PLAN, "claude-sonnet-4-5");
        assertThat(plan.command()).contains("plan").doesNotContain("bypassPermissions");
        assertThat(plan.stdin()).startsWith("PLANNING STEP (read-only)").endsWith(P);
    }

    @Test
    void codex() throws IOException {
        EngineRun run = run("codex", TaskType.EXECUTE, "scripted-model");
        assertThat(run.command()).containsExactly(bin("codex"), "exec", "--json", "--skip-git-repo-check", "-s",
                "danger-full-access", "-C", "/work/ws", "-");
        assertThat(run.stdin()).isEqualTo(P);
        assertThat(run.environment()).containsEntry("CODEX_HOME", "/home/agent/.codex");
        String toml = Files.readString(home.resolve(".codex/config.toml"));
        assertThat(toml).contains("model = \"scripted-model\"", "model_provider = \"dg\"",
                "check_for_update_on_startup = false", "[features]", "plugins = false", "daemon_auto_start = false",
                "[model_providers.dg]", "base_url = \"http://127.0.0.1:7000/v1\"", "env_key = \"OPENAI_API_KEY\"",
                "wire_api = \"responses\"");
        assertThat(run("codex", TaskType.QA, "scripted-model").command()).containsSequence("-s", "read-only");
    }

    @Test
    void openCode() throws IOException {
        EngineRun run = run("opencode", TaskType.EXECUTE, "scripted-model");
        assertThat(run.command()).containsExactly(bin("opencode"), "run", "--format", "json", "--auto", "--dir",
                "/work/ws");
        assertThat(run.stdin()).isEqualTo(P);
        JsonNode config = new ObjectMapper().readTree(run.environment().get("OPENCODE_CONFIG_CONTENT"));
        assertThat(config.path("model").asText()).isEqualTo("dg/scripted-model");
        assertThat(config.at("/provider/dg/options/baseURL").asText()).isEqualTo("http://127.0.0.1:7000/v1");
        assertThat(config.at("/provider/dg/options/apiKey").asText()).isEqualTo("sk-test-key");
        assertThat(config.path("share").asText()).isEqualTo("disabled");
        assertThat(config.has("$schema")).isFalse();
        assertThat(run.environment()).containsEntry("OPENCODE_DISABLE_AUTOUPDATE", "1")
                .containsEntry("OPENCODE_DISABLE_MODELS_FETCH", "1")
                .containsEntry("npm_config_registry", "http://127.0.0.1:9/");
        assertThat(run("opencode", TaskType.PLAN, "scripted-model").command()).containsSequence("--agent", "plan");
    }

    @Test
    void kilo() throws IOException {
        EngineRun run = run("kilocode", TaskType.EXECUTE, "scripted-model");
        assertThat(run.command()).containsExactly(bin("kilo"), "run", "--format", "json", "--auto", "--dir",
                "/work/ws");
        assertThat(run.stdin()).isEqualTo(P);
        assertThat(new ObjectMapper().readTree(run.environment().get("KILO_CONFIG_CONTENT")).has("share")).isFalse();
        assertThat(run.environment()).containsEntry("KILO_CONFIG_DIR", "/home/agent/.config/kilo")
                .containsEntry("KILO_TELEMETRY_LEVEL", "off").containsEntry("KILO_DISABLE_SESSION_INGEST", "1")
                .containsEntry("KILO_DISABLE_PRESENCE", "1").containsEntry("KILO_NO_DAEMON", "1")
                .containsEntry("KILO_API_URL", "http://127.0.0.1:9").containsEntry("KILO_API_BASE", "http://127.0.0.1:9")
                .containsEntry("KILO_DISABLE_AUTOUPDATE", "1").containsEntry("KILO_DISABLE_MODELS_FETCH", "1");
    }

    @Test
    void gemini() throws IOException {
        EngineRun run = run("gemini-cli", TaskType.EXECUTE, "gemini-2.5-pro");
        assertThat(run.command()).containsExactly(bin("gemini"), "-o", "stream-json", "-m", "gemini-2.5-pro",
                "--approval-mode", "yolo", "--skip-trust");
        assertThat(run.stdin()).isEqualTo(P);
        assertThat(run.environment()).containsEntry("GOOGLE_GEMINI_BASE_URL", "http://127.0.0.1:7000")
                .containsEntry("GEMINI_CLI_NO_RELAUNCH", "true");
        assertThat(Files.readString(home.resolve(".gemini/settings.json")))
                .contains("\"selectedType\":\"gemini-api-key\"", "\"usageStatisticsEnabled\":false",
                        "\"disableAutoUpdate\":true");
        assertThat(run("gemini-cli", TaskType.PLAN, "gemini-2.5-pro").command())
                .containsSequence("--approval-mode", "plan");
        Engine gemini = engine("gemini-cli");
        assertThat(gemini.describeExit(41)).contains("authentication");
        assertThat(gemini.describeExit(42)).contains("bad input");
        assertThat(gemini.describeExit(53)).contains("turn limit");
        assertThat(gemini.describeExit(7)).isEqualTo("the agent exited with code 7");
    }

    @Test
    void qwen() throws IOException {
        EngineRun run = run("qwen", TaskType.EXECUTE, "scripted-model");
        assertThat(run.command()).containsExactly(bin("qwen"), "-o", "stream-json", "--approval-mode", "yolo",
                "--auth-type", "openai", "-p", "");
        assertThat(run.stdin()).isEqualTo(P);
        assertThat(run.environment()).containsEntry("OPENAI_BASE_URL", "http://127.0.0.1:7000/v1")
                .containsEntry("OPENAI_MODEL", "scripted-model").containsEntry("QWEN_CODE_SUPPRESS_YOLO_WARNING", "1");
        assertThat(Files.readString(home.resolve(".qwen/settings.json"))).contains("\"usageStatisticsEnabled\":false");
    }

    @Test
    void copilot() {
        EngineRun run = run("copilot", TaskType.EXECUTE, "scripted-model");
        assertThat(run.command()).containsExactly(bin("copilot"), "--output-format", "json", "--allow-all-tools",
                "--no-ask-user", "-p", P);
        assertThat(run.environment()).containsEntry("COPILOT_HOME", "/home/agent/.copilot")
                .containsEntry("COPILOT_OFFLINE", "true").containsEntry("COPILOT_AUTO_UPDATE", "false")
                .containsEntry("COPILOT_PROVIDER_BASE_URL", "http://127.0.0.1:7000/v1")
                .containsEntry("COPILOT_PROVIDER_TYPE", "openai").containsEntry("COPILOT_PROVIDER_WIRE_API", "completions")
                .containsEntry("COPILOT_MODEL", "scripted-model");
        assertThat(run("copilot", TaskType.QA, "scripted-model").command()).contains("--deny-tool=write");
    }

    @Test
    void codebuddy() {
        EngineRun run = run("codebuddy", TaskType.EXECUTE, "scripted-model");
        assertThat(run.command()).containsExactly(bin("codebuddy"), "-p", "--output-format", "stream-json",
                "--permission-mode", "bypassPermissions", "--model", "scripted-model");
        assertThat(run.stdin()).isEqualTo(P);
        assertThat(run.environment()).containsEntry("CODEBUDDY_BASE_URL", "http://127.0.0.1:7000/v1")
                .containsEntry("CODEBUDDY_CONFIG_DIR", "/home/agent/.codebuddy")
                .containsEntry("CODEBUDDY_REMOTE_CONFIG_DISABLED", "1").containsEntry("CODEBUDDY_CODE_ENABLE_TELEMETRY", "0")
                .containsEntry("DISABLE_AUTOUPDATER", "1");
    }

    @Test
    void cursor() {
        assertThat(run("cursor", TaskType.EXECUTE, null).command()).containsExactly(bin("cursor-agent"), "-p",
                "--output-format", "stream-json", "--force", "--trust", "--model", "auto", P);
        assertThat(run("cursor", TaskType.PLAN, null).command()).doesNotContain("--force");
    }

    @Test
    void amp() {
        assertThat(run("amp", TaskType.EXECUTE, null).command()).containsExactly(bin("amp"), "-x", P, "--stream-json",
                "--dangerously-allow-all");
        assertThat(run("amp", TaskType.QA, null).command()).doesNotContain("--dangerously-allow-all");
    }

    @Test
    void auggie() {
        assertThat(run("auggie", TaskType.EXECUTE, null).command()).containsExactly(bin("auggie"), "--print",
                "--output-format", "json", "-m", "sonnet4.5", "-w", "/work/ws", P);
    }

    @Test
    void qoder() {
        assertThat(run("qoder", TaskType.EXECUTE, null).command()).containsExactly(bin("qodercli"), "-p", P, "-o",
                "stream-json", "--permission-mode", "bypass_permissions", "-w", "/work/ws");
        assertThat(run("qoder", TaskType.PLAN, null).command()).doesNotContain("bypass_permissions");
    }

    @Test
    void kiro() {
        assertThat(run("q", TaskType.EXECUTE, null).command()).containsExactly(bin("kiro-cli"), "chat",
                "--no-interactive", "--trust-all-tools", P);
        assertThat(run("q", TaskType.QA, null).command()).contains("--trust-tools=fs_read")
                .doesNotContain("--trust-all-tools");
    }

    @Test
    void shai() {
        EngineRun run = run("shai", TaskType.EXECUTE, null);
        assertThat(run.command()).containsExactly(bin("shai"), "-p", P);
        assertThat(run.environment()).containsEntry("OPENAI_COMPATIBLE_BASE_URL", "http://127.0.0.1:7000/v1");
    }

    @Test
    void ideOnlyAgentsAreAvailableAsHandOffsWithoutACommandLine() {
        AgentWays ways = new AgentWays(List.of(), java.util.Optional.empty(), "v1alpha");
        List<String> engines = BuiltInEngines.all(settings).stream().map(Engine::agentId).toList();
        for (String id : List.of("windsurf", "roo", "bob")) {
            // no command line: the IDE way hands their steps over, and says so in the heartbeat
            assertThat(engines).doesNotContain(id);
            assertThat(ways.of(id)).isEqualTo(Way.IDE);
            var availability = ways.availability(AgentCatalog.find(id).orElseThrow()).orElseThrow();
            assertThat(availability.available()).isTrue();
            assertThat(availability.version()).isEqualTo("IDE hand-off");
        }
    }

    @Test
    void aPromptTooLongForTheCommandLineOfAnArgvAgentFailsNamingTheLimit() {
        String huge = "x".repeat(200 * 1024);
        EngineRequest request = new EngineRequest(new SandboxJob(1, "e", Instant.now(), "step-1", 1, "x", null, huge,
                null, null, 60, 60, null, null, null, "execute"), TaskType.EXECUTE, WS,
                new RunHome(home, "/home/agent"), Map.of());

        assertThatThrownBy(() -> engine("copilot").prepare(request))
                .isInstanceOf(CommandLineLimit.ArgumentTooLongException.class)
                .hasMessageContaining("Copilot").hasMessageContaining("131071 bytes");
        // an agent that reads its prompt on stdin takes it whole
        assertThatCode(() -> engine("claude-code").prepare(request)).doesNotThrowAnyException();
    }

    @Test
    void theEightRealClisResumeASessionByIdWithTheFlagsOfTheirHelp() throws IOException {
        assertThat(resumed("claude-code")).containsSubsequence("-p", "--resume", "s-1").endsWith("s-1");
        // codex: -s and -C before `resume`, the stdin prompt `-` last
        assertThat(resumed("codex")).containsExactly(bin("codex"), "exec", "--json", "--skip-git-repo-check", "-s",
                "danger-full-access", "-C", "/work/ws", "resume", "s-1", "-");
        assertThat(resumed("opencode")).containsSequence("--session", "s-1");
        assertThat(resumed("kilocode")).containsSequence("--session", "s-1");
        assertThat(resumed("gemini-cli")).containsSequence("--resume", "s-1");
        assertThat(resumed("qwen")).containsSequence("--resume", "s-1");
        assertThat(resumed("copilot")).contains("--resume=s-1");
        assertThat(resumed("codebuddy")).containsSequence("--resume", "s-1");
        for (String id : List.of("claude-code", "codex", "opencode", "kilocode", "gemini-cli", "qwen", "copilot",
                "codebuddy")) {
            assertThat(((CliEngine) engine(id)).resumes()).as(id).isTrue();
            // a fresh run names no session
            assertThat(run(id, TaskType.EXECUTE, null).command()).as(id).doesNotContain("s-1", "--resume=s-1");
        }
        // an agent whose CLI cannot resume by id gets a fresh run (its prompt carries the conversation)
        assertThat(((CliEngine) engine("shai")).resumes()).isFalse();
    }

    private List<String> resumed(String agentId) throws IOException {
        EngineRequest request = new EngineRequest(new SandboxJob(1, "e", Instant.now(), "step-1", 1, agentId, null, P,
                null, null, 60, 60, null, null, null, "execute", "s-1", null), TaskType.EXECUTE, WS,
                new RunHome(home, "/home/agent"), Map.of(), "s-1");
        return engine(agentId).prepare(request).command();
    }

    @Test
    void vendorEndpointsWhenNoneIsConfigured() {
        CliEngineSettings vendor = new CliEngineSettings(List.of(bin), Map.of(), Duration.ofSeconds(5));
        EngineRun copilot = prepare(BuiltInEngines.of("copilot", vendor), TaskType.EXECUTE, null);
        assertThat(copilot.environment()).doesNotContainKeys("COPILOT_OFFLINE", "COPILOT_PROVIDER_BASE_URL");
        EngineRun claude = prepare(BuiltInEngines.of("claude-code", vendor), TaskType.EXECUTE, null);
        assertThat(claude.environment()).doesNotContainKey("ANTHROPIC_BASE_URL");
    }

    @Test
    void aMissingBinaryMakesTheAgentUnavailableWithItsInstallHint() {
        CliEngineSettings empty = new CliEngineSettings(List.of(home), Map.of(), Duration.ofSeconds(5));
        CliEngine engine = new CliEngine("qwen", empty) {
            @Override
            public String binary() {
                return "dg-no-such-agent-binary";
            }

            @Override
            protected List<String> arguments(EngineRequest request) {
                return List.of();
            }

            @Override
            protected dev.devgodzilla.worker.way.cli.parse.StreamParser parser() {
                return new dev.devgodzilla.worker.way.cli.parse.PlainTextParser();
            }
        };
        EngineHealth health = engine.checkAvailability();
        assertThat(health.available()).isFalse();
        assertThat(health.reason()).contains("dg-no-such-agent-binary", "npm install -g @qwen-code/qwen-code");
        assertThatThrownBy(() -> engine.execute(request(TaskType.EXECUTE, null)))
                .isInstanceOf(EngineUnavailableException.class);
    }

    private String bin(String binary) {
        return bin.resolve(binary).toString();
    }

    private Engine engine(String id) {
        return BuiltInEngines.of(id, settings);
    }

    private EngineRun run(String id, TaskType type, String model) {
        return prepare(engine(id), type, model);
    }

    private EngineRun prepare(Engine engine, TaskType type, String model) {
        try {
            return engine.prepare(request(type, model));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private EngineRequest request(TaskType type, String model) {
        SandboxJob job = new SandboxJob(1, "e", Instant.now(), "step-1", 1, "x", model, P, null, null, 60, 60,
                null, null, null, type.name().toLowerCase());
        return new EngineRequest(job, type, WS, new RunHome(home, "/home/agent"), Map.of("OPENAI_API_KEY", "sk-test-key"));
    }
}
