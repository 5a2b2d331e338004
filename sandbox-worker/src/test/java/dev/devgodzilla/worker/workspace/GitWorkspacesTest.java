package dev.devgodzilla.worker.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;


import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


import dev.devgodzilla.contracts.Sha256;
import dev.devgodzilla.contracts.messages.ArtifactKind;
import dev.devgodzilla.contracts.messages.ChangeType;
import dev.devgodzilla.contracts.messages.ChangedFile;
import dev.devgodzilla.contracts.messages.SandboxJob;

class GitWorkspacesTest {
    @TempDir
    Path dir;
    @TempDir
    Path worker;

    private GitWorkspaces workspaces;

    @BeforeEach
    void workspaces() {
        workspaces = new GitWorkspaces(worker.resolve("workspaces"), worker.resolve("git"),
                List.of(worker.resolve("projects")));
    }

    @Test
    void capturesAddedModifiedAndDeletedFilesOfAFreshDirectory() throws Exception {
        // Given a plain directory with two files, made a workspace
        Files.writeString(dir.resolve("keep.md"), "old\n");
        Files.writeString(dir.resolve("gone.txt"), "bye\n");
        Workspace workspace = workspaces.prepare(dir);

        // When a run adds, changes and deletes files
        Files.createDirectories(dir.resolve("src/test/java"));
        Files.writeString(dir.resolve("src/test/java/LoginTest.java"), "class LoginTest {}\n");
        Files.writeString(dir.resolve("Login.java"), "class Login {}\n");
        Files.writeString(dir.resolve("keep.md"), "new\n");
        Files.delete(dir.resolve("gone.txt"));
        WorkspaceChanges changes = workspaces.capture(workspace, worker.resolve("changes.diff"), Long.MAX_VALUE);

        // Then each change is reported with its kind and content hash, and the diff has the new files
        Map<String, ChangedFile> byPath = changes.files().stream()
                .collect(Collectors.toMap(ChangedFile::path, Function.identity()));
        assertThat(byPath).containsOnlyKeys("src/test/java/LoginTest.java", "Login.java", "keep.md", "gone.txt");
        assertThat(byPath.get("Login.java").change()).isEqualTo(ChangeType.ADDED);
        assertThat(byPath.get("Login.java").kind()).isEqualTo(ArtifactKind.CODE);
        assertThat(byPath.get("Login.java").sha256()).isEqualTo(Sha256.of(dir.resolve("Login.java")));
        assertThat(byPath.get("Login.java").sizeBytes()).isEqualTo(15);
        assertThat(byPath.get("src/test/java/LoginTest.java").kind()).isEqualTo(ArtifactKind.TEST);
        assertThat(byPath.get("keep.md").change()).isEqualTo(ChangeType.MODIFIED);
        assertThat(byPath.get("keep.md").kind()).isEqualTo(ArtifactKind.DOC);
        assertThat(byPath.get("gone.txt").change()).isEqualTo(ChangeType.DELETED);
        assertThat(changes.diffCut()).isFalse();
        assertThat(Files.readString(changes.diff())).contains("+class Login {}", "-old", "+new");
        // and the worker's copy of the workspace is gone once the changes are read
        assertThat(workspace.gitDir()).doesNotExist();
    }

    @Test
    void anEmptyWorkspaceCostsNoGitUntilARunLeavesSomethingInIt() throws Exception {
        // Given an empty directory made a workspace: its baseline is the empty tree and no git directory exists
        Workspace workspace = workspaces.prepare(dir);
        assertThat(workspace.startedEmpty()).isTrue();
        assertThat(workspace.gitDir()).doesNotExist();

        // When a run leaves it empty, nothing changed and the patch is empty
        WorkspaceChanges none = workspaces.capture(workspace, worker.resolve("none.diff"), Long.MAX_VALUE);
        assertThat(none.files()).isEmpty();
        assertThat(none.diffCut()).isFalse();
        assertThat(Files.readString(none.diff())).isEmpty();
        assertThat(workspace.gitDir()).doesNotExist();

        // When the next run writes a file, it is added against the empty tree, with its patch
        Workspace next = workspaces.prepare(dir);
        Files.writeString(dir.resolve("notes.md"), "written\n");
        WorkspaceChanges added = workspaces.capture(next, worker.resolve("added.diff"), Long.MAX_VALUE);
        assertThat(added.files()).extracting(ChangedFile::path, ChangedFile::change)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("notes.md", ChangeType.ADDED));
        assertThat(Files.readString(added.diff())).contains("+++ b/notes.md", "+written");
        assertThat(next.gitDir()).doesNotExist();
    }

    @Test
    void namesThatLookLikeGitOptionsInAWorkspaceThatStartedEmptyAreOnlyFileNames() throws Exception {
        // Given an empty workspace (no git until capture) that a run fills with files named like git's options
        // (git runs in the workspace: an option taken from a name would write pwned.txt there)
        Workspace workspace = workspaces.prepare(dir);
        Files.writeString(dir.resolve("--output=pwned.txt"), "x\n");
        Files.writeString(dir.resolve("-c"), "core.fsmonitor=/bin/false\n");

        WorkspaceChanges changes = workspaces.capture(workspace, worker.resolve("names.diff"), Long.MAX_VALUE);

        // Then they are reported as the files they are, and git wrote nothing where a name pointed it
        assertThat(changes.files()).extracting(ChangedFile::path)
                .containsExactlyInAnyOrder("--output=pwned.txt", "-c");
        assertThat(dir.resolve("pwned.txt")).doesNotExist();
        assertThat(Files.readString(changes.diff())).contains("+core.fsmonitor=/bin/false");
    }

    @Test
    void aRunThatChangesNothingInAFullWorkspaceHasAnEmptyPatch() throws Exception {
        Files.writeString(dir.resolve("README.md"), "as it was\n");
        Workspace workspace = workspaces.prepare(dir);
        assertThat(workspace.startedEmpty()).isFalse();

        WorkspaceChanges changes = workspaces.capture(workspace, worker.resolve("same.diff"), Long.MAX_VALUE);

        assertThat(changes.files()).isEmpty();
        assertThat(Files.readString(changes.diff())).isEmpty();
    }

    @Test
    void aPatchOverTheLimitIsStreamedToItsFileAndCutThereWithEveryFileStillListed() throws Exception {
        Workspace workspace = workspaces.prepare(dir);
        for (int i = 0; i < 200; i++) {
            Files.writeString(dir.resolve("file-" + i + ".txt"), ("line of file " + i + "\n").repeat(100));
        }

        WorkspaceChanges changes = workspaces.capture(workspace, worker.resolve("changes.diff"), 10_000);

        assertThat(changes.diffCut()).isTrue();
        assertThat(Files.size(changes.diff())).isEqualTo(10_000);
        assertThat(Files.readString(changes.diff())).startsWith("diff --git a/file-");
        assertThat(changes.files()).hasSize(200);
        assertThat(workspace.gitDir()).doesNotExist();
    }

    @Test
    void anExistingRepositoryKeepsItsUncommittedWorkOutOfTheChanges() throws Exception {
        // Given a repository with a commit, then an uncommitted edit and an untracked file
        Files.writeString(dir.resolve("a.py"), "print(1)\n");
        workspaces.prepare(dir);
        Files.writeString(dir.resolve("a.py"), "print(2)\n");
        Files.writeString(dir.resolve("notes.log"), "scratch\n");
        Workspace workspace = workspaces.prepare(dir);

        // When the run touches only one new file
        Files.writeString(dir.resolve("b.py"), "print(3)\n");

        // Then only that file is a change of the run
        assertThat(workspaces.capture(workspace, worker.resolve("changes.diff"), Long.MAX_VALUE).files())
                .extracting(ChangedFile::path).containsExactly("b.py");
    }

    @Test
    void aNamedWorkspaceMayNotClimbOrLinkOutOfTheRoots() throws Exception {
        Path projects = Files.createDirectories(worker.resolve("projects"));
        Path otherStep = Files.createDirectories(worker.resolve("workspaces").resolve("step-other-0123456789"));
        Files.createSymbolicLink(projects.resolve("to-other-step"), otherStep);

        // ".." that climbs out, a link into another step's workspace, and the root itself
        for (String named : List.of(projects + "/../../../../etc", projects + "/to-other-step",
                projects + "/to-other-step/sub", projects.toString())) {
            assertThatThrownBy(() -> workspaces.locate(job(named))).as(named)
                    .isInstanceOf(WorkspaceRejectedException.class);
        }
        assertThat(workspaces.locate(job(projects + "/app/../app2"))).isEqualTo(projects.toRealPath().resolve("app2"));
    }

    @Test
    void aStepContinuesInTheOwnWorkspaceOfAnEarlierStepOnlyWhereThatOneIsOnThisWorker() throws Exception {
        Path earlier = Files.createDirectories(worker.resolve("workspaces").resolve(StepDirectoryName.of("step-a")));
        assertThat(workspaces.locate("step-b", "step:step-a")).isEqualTo(earlier);
        // its QA job names the directory it ran in; another step may not
        assertThat(workspaces.locate("step-b", earlier.toString())).isEqualTo(earlier);
        assertThatThrownBy(() -> workspaces.locate("step-c", earlier.toString()))
                .isInstanceOf(WorkspaceRejectedException.class);
        assertThatThrownBy(() -> workspaces.locate("step-b", "step:step-z"))
                .isInstanceOf(WorkspaceRejectedException.class).hasMessageContaining("not on this worker");
        assertThatThrownBy(() -> workspaces.locate("step-b", "step:../etc"))
                .isInstanceOf(WorkspaceRejectedException.class);
    }

    private static SandboxJob job(String workspace) {
        return new SandboxJob(1, "e", Instant.now(), "step-mine", 1, "dummy", null, "p", workspace, null, 60, 60,
                null, null, null, null);
    }

    @Test
    void classifiesFiles() {
        assertThat(FileKinds.of("src/main/java/App.java")).isEqualTo(ArtifactKind.CODE);
        assertThat(FileKinds.of("pkg/app_test.go")).isEqualTo(ArtifactKind.TEST);
        assertThat(FileKinds.of("web/login.spec.ts")).isEqualTo(ArtifactKind.TEST);
        assertThat(FileKinds.of("tests/test_app.py")).isEqualTo(ArtifactKind.TEST);
        assertThat(FileKinds.of("latest.js")).isEqualTo(ArtifactKind.CODE);
        assertThat(FileKinds.of("README")).isEqualTo(ArtifactKind.DOC);
        assertThat(FileKinds.of("build/out.log")).isEqualTo(ArtifactKind.LOG);
        assertThat(FileKinds.of("logo.png")).isEqualTo(ArtifactKind.OTHER);
    }
}
