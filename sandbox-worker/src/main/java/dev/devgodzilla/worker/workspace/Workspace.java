package dev.devgodzilla.worker.workspace;

import java.nio.file.Path;

/**
 * A prepared workspace: the directory the agent works in, the worker's git directory that holds its
 * history, and the baseline commit its changes are measured against.
 */
public record Workspace(Path dir, Path gitDir, String baseline) {
}
