package dev.devgodzilla.contracts.messages;

import java.util.List;

/**
 * What an attempt left behind: the artifacts written to the artifact directory (log, diff, ...) and
 * the workspace files it changed.
 */
public record ArtifactManifest(
        String stepId,
        int attempt,
        String directory,
        List<Artifact> artifacts,
        List<ChangedFile> changedFiles) {
}
