package dev.devgodzilla.worker.way;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.worker.TestWorkerConfig;
import dev.devgodzilla.worker.way.cli.BinaryLocator;

/** A worker reads the job topics of exactly the agents it finds, unless a list is configured. */
class JobTopicsTest {
    @TempDir
    Path bin;

    @Test
    void theTopicsAreThoseOfTheBinariesFoundTheHandOffsServedAndJulesWithAKey() throws Exception {
        executable(bin.resolve("claude"));
        executable(bin.resolve("codex"));
        BinaryLocator binaries = new BinaryLocator(List.of(bin), null);

        List<String> withoutKey = JobTopics.of(AgentCatalog.all(), new AgentWays(List.of(), Optional.empty(), ""),
                binaries);
        List<String> withKey = JobTopics.of(AgentCatalog.all(), new AgentWays(List.of(), Optional.of("k"), ""),
                binaries);

        assertThat(withoutKey).contains(Topics.jobsFor("dummy"), Topics.jobsFor("claude-code"),
                Topics.jobsFor("codex"), Topics.jobsFor("windsurf"), Topics.jobsFor("roo"), Topics.jobsFor("bob"))
                .doesNotContain(Topics.jobsFor("gemini-cli"), Topics.jobsFor("opencode"), Topics.jobsFor("jules"));
        assertThat(withKey).contains(Topics.jobsFor("jules"));
    }

    @Test
    void theWorkerConfigurationFindsThemAtStartAndAListStillWins() throws Exception {
        executable(bin.resolve("gemini"));

        assertThat(TestWorkerConfig.of(Map.of("dg.worker.agent-paths", bin.toString())).consumedJobTopics())
                .contains(Topics.jobsFor("dummy"), Topics.jobsFor("gemini-cli"));
        assertThat(TestWorkerConfig.of(Map.of("dg.worker.agent-paths", bin.toString(),
                "dg.worker.job-topics", "sandbox-jobs.dummy")).consumedJobTopics())
                .containsExactly(Topics.jobsFor("dummy"));
    }

    private static void executable(Path file) throws Exception {
        Files.writeString(file, "#!/bin/sh\necho 1.0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
