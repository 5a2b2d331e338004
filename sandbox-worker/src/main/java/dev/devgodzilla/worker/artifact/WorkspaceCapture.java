package dev.devgodzilla.worker.artifact;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.messages.ArtifactManifest;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.sandbox.redact.SecretRedactor;
import dev.devgodzilla.worker.workspace.GitWorkspaces;
import dev.devgodzilla.worker.workspace.Workspace;
import dev.devgodzilla.worker.workspace.WorkspaceChanges;

/**
 * What an attempt changed in its workspace, against the baseline taken before it ran, written as its
 * artifacts: the closed log, the diff (masked with the attempt's secrets) and the manifest.
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
        return artifacts.finish(job.stepId(), job.attempt(), log, redactor.redact(changes.diff()), changes.files());
    }
}
