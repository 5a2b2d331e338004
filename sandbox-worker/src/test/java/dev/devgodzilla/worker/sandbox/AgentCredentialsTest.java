package dev.devgodzilla.worker.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.devgodzilla.contracts.agents.AgentSettings;

import static org.assertj.core.api.Assertions.assertThat;

class AgentCredentialsTest {

    private static AgentSettings withCredentials(Map<String, String> credentials) {
        return new AgentSettings(null, credentials, List.of(), null, null, null, null, null, null, null, null, null);
    }

    @Test
    void referencesResolveOnTheWorkerAndTheOnesWithNothingBehindThemAreNamed(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("key"), "sk-from-file\n");
        AgentCredentials credentials = new AgentCredentials(Map.of("SET_KEY", "sk-from-env")::get);
        AgentSettings settings = withCredentials(Map.of("A_KEY", "env:SET_KEY", "B_KEY", "file:" + key,
                "C_KEY", "env:UNSET_KEY", "D_KEY", "file:" + dir.resolve("missing")));

        assertThat(credentials.resolve("codex", settings, Map.of()))
                .containsExactlyInAnyOrderEntriesOf(Map.of("A_KEY", "sk-from-env", "B_KEY", "sk-from-file"));
        assertThat(credentials.unresolved("codex", settings, Map.of()))
                .containsExactlyInAnyOrder("C_KEY (env:UNSET_KEY)", "D_KEY (file:" + dir.resolve("missing") + ")");
        // a value the worker sets itself counts as resolved
        assertThat(credentials.unresolved("codex", settings, Map.of("C_KEY", "local", "D_KEY", "local"))).isEmpty();
    }
}
