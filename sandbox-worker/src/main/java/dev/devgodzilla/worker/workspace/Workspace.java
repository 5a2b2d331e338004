package dev.devgodzilla.worker.workspace;

import java.nio.file.Path;

/**
 * A prepared workspace.
 *
 * @param dir      the directory the agent runs in
 * @param baseline the commit holding the workspace's state before the run, changes are measured against it
 */
public record Workspace(Path dir, String baseline) {
}
