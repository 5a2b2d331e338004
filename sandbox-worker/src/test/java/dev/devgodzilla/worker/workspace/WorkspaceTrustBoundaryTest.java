package dev.devgodzilla.worker.workspace;

import static org.assertj.core.api.Assertions.assertThat;


import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


import dev.devgodzilla.contracts.messages.ChangedFile;
import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepFailed;
import dev.devgodzilla.testkit.KafkaTestResource;
import dev.devgodzilla.worker.TestJobs;
import dev.devgodzilla.worker.TestWorkspaceRoots;
import dev.devgodzilla.worker.way.StepBus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Attacks on the worker's host through the workspace, tried as a step would: jobs on Kafka, run by the
 * worker in its default bubblewrap sandbox. Each asserts that nothing happened outside the sandbox.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class WorkspaceTrustBoundaryTest {
    private static final Path PROJECTS = TestWorkspaceRoots.PROJECTS;

    private static StepBus bus;
    private static Path markers;

    @BeforeAll
    static void listen() throws Exception {
        bus = new StepBus();
        Files.createDirectories(PROJECTS);
        // on the host, outside every sandbox: a script that git ran on the host would write here
        markers = Files.createTempDirectory("dg-host-markers-");
    }

    @AfterAll
    static void close() {
        bus.close();
    }

    /**
     * A setup command (any agent with a shell could do the same) replaces the workspace's {@code .git}
     * with a repository whose own files choose a program to run; the worker must never run it.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fsmonitor", "hooksPath", "hook-files", "filter", "diff-driver", "include-path",
            "gitdir-file"})
    void aRewrittenGitDirectoryRunsNothingOnTheHost(String attack) {
        Path marker = markers.resolve(attack);
        String evil = "printf '#!/bin/sh\\necho pwned > " + marker + "\\n' > \"$PWD/evil.sh\"; chmod +x evil.sh; ";
        String setup = "set -e; rm -rf .git; git init -q; " + evil + switch (attack) {
            case "fsmonitor" -> "git config core.fsmonitor \"$PWD/evil.sh\"";
            case "hooksPath" -> "mkdir -p hooks; for h in pre-commit post-commit post-index-change reference-transaction; "
                    + "do cp evil.sh hooks/$h; done; git config core.hooksPath \"$PWD/hooks\"";
            case "hook-files" -> "for h in pre-commit post-commit post-index-change reference-transaction; "
                    + "do cp evil.sh .git/hooks/$h; done";
            case "filter" -> "git config filter.evil.clean \"$PWD/evil.sh\"; git config filter.evil.smudge \"$PWD/evil.sh\"; "
                    + "git config filter.evil.required true; echo '* filter=evil' > .gitattributes";
            case "diff-driver" -> "git config diff.evil.command \"$PWD/evil.sh\"; git config diff.external \"$PWD/evil.sh\"; "
                    + "echo '* diff=evil' > .gitattributes";
            case "include-path" -> "printf '[core]\\n\\tfsmonitor = %s\\n' \"$PWD/evil.sh\" > inc.cfg; "
                    + "git config include.path \"$PWD/inc.cfg\"";
            case "gitdir-file" -> "mkdir other; git init -q other; git -C other config core.fsmonitor \"$PWD/evil.sh\"; "
                    + "rm -rf .git; echo \"gitdir: $PWD/other/.git\" > .git";
            default -> throw new IllegalArgumentException(attack);
        };
        SandboxJob job = job("write out.txt changed by the agent", setup, null);

        bus.send(job);
        StepEvent terminal = bus.awaitTerminal(job.stepId());

        assertThat(terminal).as("%s", terminal).isInstanceOf(StepCompleted.class);
        assertThat(marker).as("a program chosen by the workspace ran on the host").doesNotExist();
        // and the run's changes are still captured, the agent's own .git left out of them
        StepCompleted completed = (StepCompleted) terminal;
        assertThat(completed.artifacts().changedFiles()).extracting(ChangedFile::path).contains("out.txt")
                .noneMatch(path -> path.startsWith(".git/") || path.equals(".git"));
    }

    @Test
    void aWorkspaceOutsideTheWorkspaceRootsIsRejectedBeforeAnythingIsTouched() {
        SandboxJob job = job("write owned.txt x", null, "/etc");

        bus.send(job);

        assertRejected(job);
        assertThat(Path.of("/etc/.git")).doesNotExist();
        assertThat(Path.of("/etc/owned.txt")).doesNotExist();
    }

    @Test
    void anotherStepsWorkspaceCannotBeNamed() {
        SandboxJob first = job("write mine.txt first", null, null);
        bus.send(first);
        StepCompleted done = (StepCompleted) bus.awaitTerminal(first.stepId());

        SandboxJob intruder = job("write mine.txt taken over", null, done.workspace());
        bus.send(intruder);

        assertRejected(intruder);
        assertThat(Path.of(done.workspace()).resolve("mine.txt")).hasContent("first");
    }

    @Test
    void aSymlinkOutOfTheWorkspaceRootsIsRejected() throws Exception {
        Path link = PROJECTS.resolve("link-" + UUID.randomUUID());
        Files.createSymbolicLink(link, Path.of("/etc"));
        SandboxJob job = job("write owned.txt x", null, link.resolve("sub").toString());

        bus.send(job);

        assertRejected(job);
        assertThat(Path.of("/etc/sub")).doesNotExist();
    }

    @Test
    void aWorkspaceInsideTheWorkspaceRootsRuns() {
        Path mine = PROJECTS.resolve("project-" + UUID.randomUUID());
        SandboxJob job = job("write hello.txt hi", null, mine.toString());

        bus.send(job);

        assertThat(bus.awaitTerminal(job.stepId())).isInstanceOf(StepCompleted.class);
        assertThat(mine.resolve("hello.txt")).hasContent("hi");
        // the worker's history of it is not in the workspace
        assertThat(mine.resolve(".git")).doesNotExist();
    }

    @Test
    void stepIdsThatLookAlikeGetDirectoriesOfTheirOwn() {
        assertThat(StepDirectoryName.of("a:b")).isNotEqualTo(StepDirectoryName.of("a_b")).startsWith("a_b-");
        assertThat(StepDirectoryName.of("..")).doesNotContain("/").isNotEqualTo("..");
    }

    private static void assertRejected(SandboxJob job) {
        StepEvent terminal = bus.awaitTerminal(job.stepId());
        assertThat(terminal).as("%s", terminal).isInstanceOf(StepFailed.class);
        assertThat(((StepFailed) terminal).code()).isEqualTo(FailureCode.POLICY_REJECTED);
        // rejected before it started: no workspace was prepared
        assertThat(bus.events(job.stepId())).hasSize(1);
    }

    private static SandboxJob job(String prompt, String setupCommand, String workspace) {
        return TestJobs.dummy(prompt, SandboxMode.WORKSPACE_WRITE, setupCommand, workspace);
    }
}
