package dev.devgodzilla.contracts;

import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.AgentCatalogFile;
import dev.devgodzilla.contracts.agents.AgentConfiguration;
import dev.devgodzilla.contracts.agents.AgentFields;
import dev.devgodzilla.contracts.agents.AgentKind;
import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.contracts.agents.AgentRouting;
import dev.devgodzilla.contracts.agents.AgentSettings;
import dev.devgodzilla.contracts.messages.Budget;
import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.contracts.messages.TokenUsage;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentCatalogFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, AgentMetadata> BUILT_IN = AgentCatalog.builtIn().stream()
            .collect(Collectors.toMap(AgentMetadata::id, Function.identity(), (a, b) -> a,
                    java.util.LinkedHashMap::new));

    @AfterEach
    void backToBuiltIns() {
        AgentCatalog.use(null);
    }

    @Test
    void overridesKeepWhatTheFileDoesNotSay() {
        Map<String, AgentMetadata> merged = AgentCatalogFile.merge(BUILT_IN, """
                agents:
                  claude-code:
                    defaultModel: claude-opus-4-1
                """, "agents.yaml");

        AgentMetadata claude = merged.get("claude-code");
        assertThat(claude.defaultModel()).isEqualTo("claude-opus-4-1");
        assertThat(claude.binary()).isEqualTo("claude");
        assertThat(claude.commandDir()).isEqualTo(".claude/commands/");
        assertThat(merged).hasSameSizeAs(BUILT_IN);
    }

    @Test
    void anAgentOnlyInTheFileIsAddedWithDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("agents.yaml");
        Files.writeString(file, """
                agents:
                  my-agent:
                    name: My Agent
                    kind: api
                    installUrl: https://example.org/my-agent
                """);

        AgentCatalog.use(file);

        AgentMetadata mine = AgentCatalog.find("my-agent").orElseThrow();
        assertThat(mine.kind()).isEqualTo(AgentKind.API);
        assertThat(mine.installHint()).isEqualTo("see https://example.org/my-agent");
        assertThat(mine.description()).contains(file.toString());
        assertThat(AgentCatalog.all()).hasSize(BUILT_IN.size() + 1);
        assertThat(AgentCatalog.all().getLast().id()).isEqualTo("my-agent");
    }

    @Test
    void aBadFileSaysWhereAndWhat() {
        assertThatThrownBy(() -> AgentCatalogFile.merge(BUILT_IN, "agents:\n  codex:\n    kind: robot\n", "a.yaml"))
                .hasMessageContaining("a.yaml").hasMessageContaining("codex").hasMessageContaining("robot");
        assertThatThrownBy(() -> AgentCatalogFile.merge(BUILT_IN, "agents: [1, 2]", "b.yaml"))
                .hasMessageContaining("b.yaml");
        assertThatThrownBy(() -> AgentCatalogFile.merge(BUILT_IN, "agents: {x: [", "c.yaml"))
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void runSettingsComeFromTheFileOverTheVendorDefaults() {
        AgentMetadata builtIn = BUILT_IN.get("claude-code");
        assertThat(builtIn.settings().egress()).containsExactly("api.anthropic.com:443");
        assertThat(builtIn.settings().credentials()).containsEntry("ANTHROPIC_API_KEY", "env:ANTHROPIC_API_KEY");
        assertThat(builtIn.settings().defaultMode()).isEqualTo(SandboxMode.NETWORK_RESTRICTED);

        AgentMetadata claude = AgentCatalogFile.merge(BUILT_IN, """
                agents:
                  claude-code:
                    baseUrl: http://127.0.0.1:4010
                    credentials:
                      ANTHROPIC_API_KEY: file:/var/run/secrets/anthropic/key
                    timeout: 5m
                    idleTimeout: 90
                    maxAttempts: 2
                    backoff: 10s
                """, "agents.yaml").get("claude-code");

        AgentSettings settings = claude.settings();
        assertThat(settings.credentials()).containsExactly(
                Map.entry("ANTHROPIC_API_KEY", "file:/var/run/secrets/anthropic/key"));
        assertThat(settings.timeoutSeconds()).isEqualTo(300);
        assertThat(settings.idleTimeoutSeconds()).isEqualTo(90);
        assertThat(settings.maxAttempts()).isEqualTo(2);
        assertThat(settings.backoffSeconds()).isEqualTo(10);
        // the endpoint it is pointed at is reachable besides the vendor's hosts
        assertThat(settings.effectiveEgress()).containsExactly("api.anthropic.com:443", "127.0.0.1:4010");
        assertThat(claude.binary()).isEqualTo("claude");
    }

    @Test
    void budgetsAreReadWithTheirTimeAsADurationAndABadOneIsRefusedNamingItsField() {
        AgentSettings settings = AgentCatalogFile.merge(BUILT_IN, """
                agents:
                  codex:
                    stepBudget: {tokens: 200000, costUsd: 2.5, time: 30m}
                    projectBudget: {costUsd: 50}
                """, "agents.yaml").get("codex").settings();
        assertThat(settings.stepBudget()).isEqualTo(new Budget(200_000L, 2.5, 1800));
        assertThat(settings.projectBudget()).isEqualTo(new Budget(null, 50.0, null));
        // the configuration API's shape reads back the same
        assertThat(AgentFields.of(BUILT_IN.get("codex")).get("stepBudget").isNull()).isTrue();

        assertThatThrownBy(() -> AgentCatalogFile.merge(BUILT_IN, "agents:\n  codex:\n    stepBudget: {tokens: 0}\n",
                "agents.yaml")).hasMessageContaining("stepBudget.tokens: must be at least 1");
        assertThatThrownBy(() -> AgentCatalogFile.merge(BUILT_IN, "agents:\n  codex:\n    stepBudget: {dollars: 3}\n",
                "agents.yaml")).hasMessageContaining("stepBudget has no 'dollars'");
        assertThatThrownBy(() -> AgentCatalogFile.merge(BUILT_IN, "agents:\n  codex:\n    projectBudget: {time: soon}\n",
                "agents.yaml")).hasMessageContaining("projectBudget.time 'soon'");
    }

    @Test
    void aBudgetSaysWhatIsLeftAndWhenARunGoesOverIt() {
        Budget budget = new Budget(10_000L, 1.0, 60);
        Budget left = budget.left(9_000, 0.25, 30_000);
        assertThat(left).isEqualTo(new Budget(1_000L, 0.75, 30));
        assertThat(left.exhausted()).isEmpty();
        assertThat(budget.left(12_000, 0, 0).exhausted()).contains("tokens");
        assertThat(left.tighter(new Budget(500L, null, null))).isEqualTo(new Budget(500L, 0.75, 30));
        assertThat(left.overBy(new TokenUsage(900, 200, 0, null), 0)).contains("used 1100 tokens of the 1000 left");
        assertThat(left.overBy(new TokenUsage(10, 10, 0, 0.8), 0)).hasValueSatisfying(s -> assertThat(s)
                .startsWith("cost $0.8000"));
        assertThat(left.overBy(null, 31_000)).contains("ran 31 s of the 30 s left");
        assertThat(left.overBy(new TokenUsage(10, 10, 0, null), 1_000)).isEmpty();
    }

    @Test
    void aSecretValueAnUnknownFieldOrABadModeIsRefusedNamingTheField() {
        assertThatThrownBy(() -> AgentCatalogFile.merge(BUILT_IN, """
                agents:
                  codex:
                    credentials:
                      OPENAI_API_KEY: sk-live-1234
                """, "agents.yaml"))
                .hasMessageContaining("credentials.OPENAI_API_KEY").hasMessageContaining("reference");
        assertThatThrownBy(() -> AgentCatalogFile.merge(BUILT_IN, "agents:\n  codex:\n    egres: [a.example:443]\n",
                "agents.yaml")).hasMessageContaining("no field 'egres'");
        assertThatThrownBy(() -> AgentCatalogFile.merge(BUILT_IN, "agents:\n  codex:\n    defaultMode: ROOT\n",
                "agents.yaml")).hasMessageContaining("defaultMode").hasMessageContaining("NETWORK_RESTRICTED");
        assertThatThrownBy(() -> AgentCatalogFile.merge(BUILT_IN, "agents:\n  codex:\n    timeout: soon\n",
                "agents.yaml")).hasMessageContaining("timeout 'soon'");
        assertThatThrownBy(() -> AgentCatalogFile.merge(BUILT_IN, "agents:\n  codex:\n    baseUrl: ftp://x\n",
                "agents.yaml")).hasMessageContaining("baseUrl");
    }

    @Test
    void theNewestConfigurationFromTheRegistryWinsAndAnOlderOneIsIgnored() {
        AgentMetadata claude = AgentCatalog.find("claude-code").orElseThrow();
        AgentMetadata v2 = AgentCatalogFile.overlay(claude, "claude-code",
                JSON.createObjectNode().put("defaultModel", "m2"), "api");
        AgentMetadata v1 = AgentCatalogFile.overlay(claude, "claude-code",
                JSON.createObjectNode().put("defaultModel", "m1"), "api");

        assertThat(AgentCatalog.apply(new AgentConfiguration(1, "claude-code", 2, Instant.now(), v2, false))).isTrue();
        assertThat(AgentCatalog.apply(new AgentConfiguration(1, "claude-code", 1, Instant.now(), v1, false))).isFalse();
        assertThat(AgentCatalog.find("claude-code").orElseThrow().defaultModel()).isEqualTo("m2");

        // an agent registered over the API appears, and goes when it is removed
        AgentMetadata mine = AgentCatalogFile.overlay(null, "my-agent",
                JSON.createObjectNode().put("binary", "my-agent"), "api");
        AgentCatalog.apply(new AgentConfiguration(1, "my-agent", 1, Instant.now(), mine, false));
        assertThat(AgentCatalog.contains("my-agent")).isTrue();
        AgentCatalog.apply(new AgentConfiguration(1, "my-agent", 2, Instant.now(), null, true));
        assertThat(AgentCatalog.contains("my-agent")).isFalse();
    }

    @Test
    void theMostSpecificAssignmentWinsThenTheTaskTypesDefaultThenTheDefaultAgent() {
        AgentRouting routing = new AgentRouting(1, 3, Instant.now(), "dummy", Map.of("plan", "claude-code"),
                java.util.List.of(new AgentRouting.Assignment("shop", null, "codex"),
                        new AgentRouting.Assignment("shop", "qa", "qwen"),
                        new AgentRouting.Assignment(null, "review", "gemini-cli")));

        assertThat(routing.choose("shop", "qa").orElseThrow().agentId()).isEqualTo("qwen");
        assertThat(routing.choose("shop", "plan").orElseThrow())
                .isEqualTo(new AgentRouting.Choice("codex", "assignment (project shop)"));
        assertThat(routing.choose("other", "review").orElseThrow().agentId()).isEqualTo("gemini-cli");
        assertThat(routing.choose("other", "plan").orElseThrow())
                .isEqualTo(new AgentRouting.Choice("claude-code", "the default agent of task type plan"));
        assertThat(routing.choose(null, null).orElseThrow().agentId()).isEqualTo("dummy");
        assertThat(AgentRouting.NONE.choose("shop", "qa")).isEmpty();
        assertThat(new AgentRouting(1, 1, null, "nope", Map.of(), java.util.List.of(
                new AgentRouting.Assignment(null, null, "codex"))).problems(AgentCatalog::contains))
                .anyMatch(p -> p.startsWith("defaultAgent")).anyMatch(p -> p.contains("neither"));
    }
}
