package dev.devgodzilla.worker.attempt;

import java.nio.file.Path;

import dev.devgodzilla.contracts.messages.ArtifactManifest;

/**
 * What an ended attempt leaves for its terminal event: how long it ran, the tail of its output, the
 * workspace it ran in and its artifacts. Any of them may be missing for an attempt that never ran.
 */
public record AttemptEnd(long durationMs, String output, Path workspace, ArtifactManifest manifest) {

    /** An attempt that ended before anything ran. */
    public static AttemptEnd nothingRan(long durationMs) {
        return new AttemptEnd(durationMs, null, null, null);
    }

    /** An attempt that ended in {@code workspace} before it had output or artifacts. */
    public static AttemptEnd in(Path workspace, long durationMs) {
        return new AttemptEnd(durationMs, null, workspace, null);
    }

    String workspaceText() {
        return workspace == null ? null : workspace.toString();
    }
}
