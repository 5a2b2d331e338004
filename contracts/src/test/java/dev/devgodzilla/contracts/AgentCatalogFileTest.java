package dev.devgodzilla.contracts;

import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.AgentCatalogFile;
import dev.devgodzilla.contracts.agents.AgentKind;
import dev.devgodzilla.contracts.agents.AgentMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentCatalogFileTest {
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
}
