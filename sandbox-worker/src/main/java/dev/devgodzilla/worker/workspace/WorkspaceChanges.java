package dev.devgodzilla.worker.workspace;

import java.util.List;

import dev.devgodzilla.contracts.messages.ChangedFile;

/**
 * What a run changed in its workspace.
 *
 * @param diff a git patch from the baseline to the state after the run, new files included
 */
public record WorkspaceChanges(List<ChangedFile> files, String diff) {
}
