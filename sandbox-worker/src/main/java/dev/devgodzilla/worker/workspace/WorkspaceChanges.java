package dev.devgodzilla.worker.workspace;

import java.nio.file.Path;
import java.util.List;

import dev.devgodzilla.contracts.messages.ChangedFile;

/**
 * What a run changed in its workspace.
 *
 * @param diff    a file holding the git patch from the baseline to the state after the run, new files
 *                included, as git wrote it (secrets not yet masked)
 * @param diffCut whether the patch was cut at the size limit and {@code diff} holds only its beginning
 */
public record WorkspaceChanges(List<ChangedFile> files, Path diff, boolean diffCut) {
}
