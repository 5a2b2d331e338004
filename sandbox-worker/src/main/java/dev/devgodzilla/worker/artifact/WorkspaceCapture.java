package dev.devgodzilla.worker.artifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;


import jakarta.enterprise.context.ApplicationScoped;


import dev.devgodzilla.contracts.messages.ArtifactManifest;
import dev.devgodzilla.contracts.messages.ChangedFile;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.sandbox.redact.SecretRedactor;
import dev.devgodzilla.worker.workspace.GitWorkspaces;
import dev.devgodzilla.worker.workspace.Workspace;
import dev.devgodzilla.worker.workspace.WorkspaceChanges;

/**
 * What an attempt changed in its workspace, against the baseline taken before it ran, written as its
 * artifacts: the closed log, the diff and the manifest. The diff is streamed from git to its artifact and
 * cut at {@code dg.worker.max-diff-bytes}, with the attempt's secrets masked in its text, left out of its
 * binary patches and masked in the changed files' names.
 */
@ApplicationScoped
public class WorkspaceCapture {
    private static final String RAW_SUFFIX = ".unmasked";

    private final GitWorkspaces workspaces;
    private final ArtifactWriter artifacts;

    public WorkspaceCapture(GitWorkspaces workspaces, ArtifactWriter artifacts) {
        this.workspaces = workspaces;
        this.artifacts = artifacts;
    }

    public ArtifactManifest capture(SandboxJob job, Workspace workspace, AttemptLog log, SecretRedactor redactor) {
        Path diff = artifacts.diffFile(job.stepId(), job.attempt());
        Path raw = diff.resolveSibling(diff.getFileName() + RAW_SUFFIX);
        try {
            long limit = artifacts.diffLimit(log);
            WorkspaceChanges changes = workspaces.capture(workspace, raw, limit);
            DiffArtifact.write(changes, workspace.dir(), redactor, diff, limit);
            // a file named after a secret is reported under its masked name
            List<ChangedFile> files = changes.files().stream().map(f -> new ChangedFile(redactor.redact(f.path()),
                    f.change(), f.kind(), f.sizeBytes(), f.sha256())).toList();
            return artifacts.finishWithWrittenDiff(job.stepId(), job.attempt(), log, files, List.of(),
                    changes.diffCut() ? limit : null);
        } finally {
            removeUnmasked(raw);
        }
    }

    private static void removeUnmasked(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the unmasked patch must not stay among the artifacts: say so loudly
            throw new UncheckedIOException("could not remove the unmasked patch " + file, e);
        }
    }
}
