package dev.devgodzilla.worker.artifact;

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
 * artifacts: the closed log, the diff and the manifest, with the attempt's secrets masked in the diff's text,
 * left out of its binary patches and masked in the changed files' names.
 */
@ApplicationScoped
public class WorkspaceCapture {
    private final GitWorkspaces workspaces;
    private final ArtifactWriter artifacts;

    public WorkspaceCapture(GitWorkspaces workspaces, ArtifactWriter artifacts) {
        this.workspaces = workspaces;
        this.artifacts = artifacts;
    }

    public ArtifactManifest capture(SandboxJob job, Workspace workspace, AttemptLog log, SecretRedactor redactor) {
        WorkspaceChanges changes = workspaces.capture(workspace);
        String diff = SecretBinaryDiffs.withoutSecrets(changes.diff(), workspace.dir(), changes.files(), redactor);
        // a file named after a secret is reported under its masked name
        List<ChangedFile> files = changes.files().stream().map(f -> new ChangedFile(redactor.redact(f.path()),
                f.change(), f.kind(), f.sizeBytes(), f.sha256())).toList();
        return artifacts.finish(job.stepId(), job.attempt(), log, redactor.redact(diff), files);
    }
}
