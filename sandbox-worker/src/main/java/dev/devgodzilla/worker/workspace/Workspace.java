package dev.devgodzilla.worker.workspace;

import java.nio.file.Path;

/**
 * A prepared workspace: the directory the agent works in, the worker's git directory that holds its
 * history, and the baseline (a tree, or a commit of an older worker) its changes are measured against.
 */
public record Workspace(Path dir, Path gitDir, String baseline) {
    /** Git's empty tree, which every repository knows without storing it: the baseline of an empty directory. */
    public static final String EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    /** Whether the directory was empty before the run, so no git directory was made for it. */
    public boolean startedEmpty() {
        return EMPTY_TREE.equals(baseline);
    }
}
