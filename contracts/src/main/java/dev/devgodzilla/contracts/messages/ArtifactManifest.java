package dev.devgodzilla.contracts.messages;

import java.util.List;

/**
 * What an attempt left behind: the artifacts written to the artifact directory (log, diff, ...) and
 * the workspace files it changed.
 *
 * @param changedFilesTotal how many files changed when {@code changedFiles} lists only the first of them (an
 *                          event keeps its record small); null when the list is whole. The manifest artifact
 *                          always holds the whole list.
 */
public record ArtifactManifest(
        String stepId,
        int attempt,
        String directory,
        List<Artifact> artifacts,
        List<ChangedFile> changedFiles,
        Integer changedFilesTotal) {

    public ArtifactManifest(String stepId, int attempt, String directory, List<Artifact> artifacts,
                            List<ChangedFile> changedFiles) {
        this(stepId, attempt, directory, artifacts, changedFiles, null);
    }

    /** This manifest with at most {@code max} changed files, saying how many there were when it cuts. */
    public ArtifactManifest withChangedFilesAtMost(int max) {
        if (changedFiles == null || changedFiles.size() <= max) {
            return this;
        }
        return new ArtifactManifest(stepId, attempt, directory, artifacts, List.copyOf(changedFiles.subList(0, max)),
                changedFiles.size());
    }
}
