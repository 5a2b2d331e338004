package dev.devgodzilla.worker.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;


import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


import dev.devgodzilla.contracts.Sha256;
import dev.devgodzilla.contracts.messages.ChangeType;
import dev.devgodzilla.contracts.messages.ChangedFile;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.StepRequestValidator;
import dev.devgodzilla.sandbox.WorkspaceRoots;
import dev.devgodzilla.worker.config.WorkerConfig;
import io.quarkus.logging.Log;

/**
 * Places each job's workspace and records what a run changed in it. A job's own workspace must resolve
 * inside the configured workspace roots, else it is rejected before anything on the host is touched;
 * without one, a step gets a directory of its own under the workspace root. The history (a baseline
 * before the run, a snapshot after it) lives in a git directory of the worker's, outside every
 * workspace root and never mounted into a sandbox: see {@link Git} for why nothing in the workspace can
 * choose what git runs. The workspace's own {@code .git}, if any, is the agent's and never read.
 */
@ApplicationScoped
public class GitWorkspaces {
    /** How many steps' continued workspaces are remembered, for their QA checks on this worker. */
    private static final int CONTINUED_KEPT = 10_000;
    /** The workspace of an earlier step that a step's attempt ran in here ({@code step:<id>}), by step. */
    private final Map<String, Path> continuing = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Path> eldest) {
            return size() > CONTINUED_KEPT;
        }
    });

    private final Path root;
    private final Path gitDirs;
    private final WorkspaceRoots allowedRoots;

    @Inject
    public GitWorkspaces(WorkerConfig config) {
        this(Path.of(config.workspaceRoot()), Path.of(config.gitDir()), config.workspaceRoots().orElse(List.of())
                .stream().map(String::strip).filter(p -> !p.isEmpty()).map(Path::of).toList());
    }

    /**
     * @param root         where per-step workspaces are made
     * @param gitDirs      where the worker keeps one git directory per workspace
     * @param allowedRoots where a job may name a workspace of its own
     */
    public GitWorkspaces(Path root, Path gitDirs, List<Path> allowedRoots) {
        this.root = WorkspaceRoots.real(root);
        this.gitDirs = WorkspaceRoots.real(gitDirs);
        this.allowedRoots = WorkspaceRoots.of(allowedRoots);
        for (Path allowed : this.allowedRoots.roots()) {
            if (overlaps(allowed, this.gitDirs) || overlaps(allowed, this.root)) {
                throw new IllegalStateException("workspace root " + allowed + " must not contain or lie in the "
                        + "worker's git directories " + this.gitDirs + " or per-step workspace root " + this.root);
            }
        }
        if (overlaps(this.root, this.gitDirs)) {
            throw new IllegalStateException("the git directories " + this.gitDirs + " must not overlap the "
                    + "workspace root " + this.root);
        }
    }

    /**
     * The directory a job runs in: one of its own under the workspace root, or the workspace it names if
     * that resolves (symlinks followed) inside a workspace root.
     *
     * @throws WorkspaceRejectedException the named workspace is anywhere else
     */
    public Path locate(SandboxJob job) {
        return locate(job.stepId(), job.workspace());
    }

    /**
     * The directory of step {@code stepId} that {@code workspace} names (null: the step's own; {@code step:<id>}:
     * the own workspace of step {@code <id>}, which execution-service let it continue in).
     *
     * @throws WorkspaceRejectedException the named workspace is outside the roots or another step's, or the step
     *                                    it continues is not on this worker
     */
    public Path locate(String stepId, String workspace) {
        Path own = root.resolve(StepDirectoryName.of(stepId));
        if (workspace == null || workspace.isBlank()) {
            return own;
        }
        String continued = StepRequestValidator.workspaceStep(workspace);
        if (continued != null) {
            Path earlier = root.resolve(StepDirectoryName.of(continued));
            if (!StepRequestValidator.isStepId(continued) || !Files.isDirectory(earlier, LinkOption.NOFOLLOW_LINKS)) {
                throw new WorkspaceRejectedException("the workspace of step " + continued + " is not on this worker"
                        + " (under " + root + "); a step continues another's workspace on the worker that ran it,"
                        + " or on workers sharing dg.worker.workspace-root");
            }
            continuing.put(stepId, earlier);
            return earlier;
        }
        Path named = Path.of(workspace);
        if (!named.isAbsolute()) {
            throw new WorkspaceRejectedException("workspace " + workspace + " is not an absolute path");
        }
        Path real = WorkspaceRoots.real(named);
        if (real.startsWith(own)) {
            return real;
        }
        Path ranIn = continuing.get(stepId);
        if (ranIn != null && real.startsWith(ranIn)) {
            // the step's attempt ran here in the workspace of the step it continues: its QA checks that one
            return real;
        }
        if (real.startsWith(root) || overlaps(real, gitDirs)) {
            throw new WorkspaceRejectedException("workspace " + workspace + " resolves to " + real
                    + ", which belongs to another step or to the worker");
        }
        if (!allowedRoots.holds(real)) {
            throw new WorkspaceRejectedException("workspace " + workspace + " resolves to " + real
                    + ", which is outside the workspace roots " + allowedRoots.roots()
                    + " (dg.worker.workspace-roots, DG_WORKER_WORKSPACE_ROOTS)");
        }
        return real;
    }

    /**
     * Creates {@code dir} if needed and records its current state as the baseline of a run. An empty
     * directory (a step's own, made for it) has the empty tree as its baseline and no git directory yet:
     * no git runs until the run has left something in it.
     */
    public Workspace prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.createDirectories(gitDirs);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create workspace " + dir, e);
        }
        Path gitDir = gitDirs.resolve(StepDirectoryName.of(dir.toString()) + ".git");
        // capture removes the git directory, so one still here was left by a worker that died mid-attempt,
        // possibly holding a lock file: every attempt starts from a fresh one
        delete(gitDir);
        if (isEmpty(dir)) {
            return new Workspace(dir, gitDir, Workspace.EMPTY_TREE);
        }
        Git git = init(gitDir, dir);
        try (Snapshot baseline = Snapshot.of(git)) {
            // a tree, not a commit: the git directory is the worker's alone, never collected, and removed at capture
            return new Workspace(dir, gitDir, baseline.tree());
        }
    }

    /**
     * The files added, modified or deleted since the baseline (untracked ones included), and the patch,
     * streamed into {@code diff} and cut at {@code maxDiffBytes}. The worker's git directory of the workspace
     * is removed afterwards: it holds a copy of the workspace's files, and the next run records a baseline
     * of its own.
     */
    public WorkspaceChanges capture(Workspace workspace, Path diff, long maxDiffBytes) {
        try {
            return changes(workspace, diff, maxDiffBytes);
        } finally {
            delete(workspace.gitDir());
        }
    }

    private WorkspaceChanges changes(Workspace workspace, Path diff, long maxDiffBytes) {
        boolean hasGitDir = Files.exists(workspace.gitDir(), LinkOption.NOFOLLOW_LINKS);
        if (workspace.startedEmpty() && !hasGitDir && isEmpty(workspace.dir())) {
            return new WorkspaceChanges(List.of(), diff, emptyPatch(diff));
        }
        Git git = hasGitDir ? new Git(workspace.gitDir(), workspace.dir()) : init(workspace.gitDir(), workspace.dir());
        try (Snapshot after = Snapshot.of(git)) {
            // the snapshot's index against the baseline tree: no tree object of the state after the run is needed
            String nameStatus = after.git().run("diff", "--cached", "--name-status", "-z", "--no-renames",
                    "--no-ext-diff", "--no-textconv", workspace.baseline());
            List<ChangedFile> files = new ArrayList<>();
            String[] parts = nameStatus.split("\0");
            for (int i = 0; i + 1 < parts.length; i += 2) {
                files.add(changedFile(workspace.dir(), parts[i], parts[i + 1]));
            }
            boolean cut = files.isEmpty() ? emptyPatch(diff) : after.git().runTo(diff, maxDiffBytes, "diff",
                    "--cached", "--binary", "--no-renames", "--no-ext-diff", "--no-textconv", workspace.baseline());
            return new WorkspaceChanges(List.copyOf(files), diff, cut);
        }
    }

    /** Writes the patch of a run that changed nothing; never cut. */
    private static boolean emptyPatch(Path diff) {
        try {
            Files.write(diff, new byte[0]);
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + diff, e);
        }
    }

    private static Git init(Path gitDir, Path workTree) {
        Git git = new Git(gitDir, workTree);
        git.run("init", "-q");
        return git;
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read workspace " + dir, e);
        }
    }

    private static ChangedFile changedFile(Path dir, String status, String path) {
        ChangeType change = switch (status.charAt(0)) {
            case 'A' -> ChangeType.ADDED;
            case 'D' -> ChangeType.DELETED;
            default -> ChangeType.MODIFIED;
        };
        if (change == ChangeType.DELETED) {
            return new ChangedFile(path, change, FileKinds.of(path), 0, null);
        }
        Path file = dir.resolve(path);
        try {
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return new ChangedFile(path, change, FileKinds.of(path), Files.size(file), Sha256.of(file));
            }
        } catch (IOException e) {
            // Gone or unreadable since the snapshot: report the change without its content.
        }
        return new ChangedFile(path, change, FileKinds.of(path), 0, null);
    }

    /**
     * The work tree as it is now, ignored files left out, staged in a private index that lives as long as
     * the snapshot. A nested repository without a commit cannot be added and is left out with a warning
     * instead of failing the run.
     */
    private record Snapshot(Git git, Path index) implements AutoCloseable {
        static Snapshot of(Git repository) {
            Path index;
            try {
                index = Files.createTempFile("dg-index-", ".tmp");
                // git wants to create the index itself; an empty file would be a corrupt index.
                Files.delete(index);
            } catch (IOException e) {
                throw new UncheckedIOException("could not snapshot the workspace", e);
            }
            Snapshot snapshot = new Snapshot(repository.withIndex(index), index);
            try {
                Git.Result added = snapshot.git().execute("add", "-A", "--ignore-errors", "--", ".");
                if (added.exitCode() != 0) {
                    Log.warnf("left out of the workspace snapshot: %s", added.stderr());
                }
                return snapshot;
            } catch (RuntimeException e) {
                snapshot.close();
                throw e;
            }
        }

        /** Writes the snapshot as a tree object and returns its id. */
        String tree() {
            return git.run("write-tree").strip();
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(index);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            // walk does not follow links: only the git directory's own entries go
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            Log.warnf("could not remove the git directory %s: %s", dir, e.getMessage());
        }
    }

    private static boolean overlaps(Path a, Path b) {
        return a.startsWith(b) || b.startsWith(a);
    }
}
