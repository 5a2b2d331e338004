package dev.devgodzilla.worker.way;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.messages.InstalledAgent;
import dev.devgodzilla.worker.attempt.Way;

class AgentWaysTest {
    private final AgentWays defaults = new AgentWays(List.of(), Optional.empty(), "v1alpha");

    @Test
    void ideOnlyAgentsAreAlwaysHandedOver() {
        for (String id : List.of("windsurf", "roo", "bob")) {
            assertThat(defaults.of(id)).as(id).isEqualTo(Way.IDE);
        }
    }

    @Test
    void agentsWithACliGoToTheIdeOnlyWhenListed() {
        AgentWays chosen = new AgentWays(List.of(" copilot", "cursor ", ""), Optional.empty(), "v1alpha");
        for (String id : List.of("copilot", "cursor", "kilocode")) {
            assertThat(defaults.of(id)).as(id).isEqualTo(Way.CLI);
        }
        assertThat(chosen.of("copilot")).isEqualTo(Way.IDE);
        assertThat(chosen.of("cursor")).isEqualTo(Way.IDE);
        assertThat(chosen.of("kilocode")).isEqualTo(Way.CLI);
    }

    @Test
    void julesGoesTheApiWayAndEverythingElseStaysOnTheCli() {
        assertThat(defaults.of("jules")).isEqualTo(Way.JULES);
        assertThat(defaults.of("claude-code")).isEqualTo(Way.CLI);
        assertThat(defaults.of(AgentCatalog.DUMMY)).isEqualTo(Way.CLI);
        assertThat(defaults.of("no-such-agent")).isEqualTo(Way.CLI);
        assertThat(defaults.of((String) null)).isEqualTo(Way.CLI);
    }

    @Test
    void availabilityOfTheAgentsThatAreNotProcesses() {
        assertThat(defaults.availability(AgentCatalog.find("windsurf").orElseThrow()))
                .contains(new InstalledAgent("windsurf", true, "IDE hand-off", null));
        assertThat(defaults.availability(AgentCatalog.find("codex").orElseThrow())).isEmpty();
        assertThat(defaults.availability(AgentCatalog.find("jules").orElseThrow())).hasValueSatisfying(jules -> {
            assertThat(jules.available()).isFalse();
            assertThat(jules.reason()).contains("dg.worker.credentials.jules.JULES_API_KEY",
                    "DG_WORKER_CREDENTIALS_JULES_JULES_API_KEY");
        });
        AgentWays withKey = new AgentWays(List.of(), Optional.of("k-123456"), "v1alpha");
        assertThat(withKey.julesConfigured()).isTrue();
        assertThat(withKey.availability(AgentCatalog.find("jules").orElseThrow()))
                .contains(new InstalledAgent("jules", true, "Jules API v1alpha", null));
        assertThat(new AgentWays(List.of(), Optional.of(" "), "v1alpha").julesConfigured()).isFalse();
    }
}
