package dev.devgodzilla.worker.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.devgodzilla.contracts.messages.ChangeType;
import dev.devgodzilla.contracts.messages.ChangedFile;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.Sha256;
import dev.devgodzilla.worker.config.WorkerConfig;

/**
 * Prepares workspaces as git repositories with a baseline commit, and reads back what a run changed.
 * Snapshots are taken through a private index file, so the user's index, HEAD and working tree are
 * never touched by the worker.
 */
@ApplicationScoped
public class GitWorkspaces {
    private final Path root;

    @Inject
    public GitWorkspaces(WorkerConfig config) {
        this(Path.of(config.workspaceRoot()));
    }

    /** Workspaces without an explicit directory go under {@code root}. */
    public GitWorkspaces(Path root) {
        this.root = root;
    }

    /** The directory a job runs in: its own workspace if it names one, else one per step under the root. */
    public Path locate(SandboxJob job) {
        if (job.workspace() != null && !job.workspace().isBlank()) {
            return Path.of(job.workspace()).toAbsolutePath().normalize();
        }
        return root.resolve(safeName(job.stepId())).toAbsolutePath().normalize();
    }

    /** Makes {@code dir} a git repository if needed and records its current state as the baseline. */
    public Workspace prepare(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create workspace " + dir, e);
        }
        Git git = new Git(dir);
        if (!Files.exists(dir.resolve(".git"))) {
            git.run("init", "-q");
            git.run("add", "-A");
            git.run("commit", "-q", "--allow-empty", "--no-verify", "-m", "Workspace baseline");
            return new Workspace(dir, git.run("rev-parse", "HEAD").strip());
        }
        // An existing repository may hold uncommitted and untracked work: snapshot all of it.
        String tree = snapshotTree(git);
        List<String> args = new ArrayList<>(List.of("commit-tree", tree, "-m", "Workspace baseline"));
        if (hasHead(git)) {
            args.addAll(List.of("-p", "HEAD"));
        }
        String baseline = git.run(args.toArray(String[]::new)).strip();
        // Keep the snapshot reachable so that a gc during the run cannot drop it.
        git.run("update-ref", "refs/dg/baseline", baseline);
        return new Workspace(dir, baseline);
    }

    /** The files added, modified or deleted since the baseline (untracked ones included), and the patch. */
    public WorkspaceChanges capture(Workspace workspace) {
        Git git = new Git(workspace.dir());
        String after = snapshotTree(git);
        String nameStatus = git.run("diff", "--name-status", "-z", "--no-renames", workspace.baseline(), after);
        List<ChangedFile> files = new ArrayList<>();
        String[] parts = nameStatus.split("\0");
        for (int i = 0; i + 1 < parts.length; i += 2) {
            files.add(changedFile(workspace.dir(), parts[i], parts[i + 1]));
        }
        String diff = git.run("diff", "--binary", "--no-renames", workspace.baseline(), after);
        return new WorkspaceChanges(List.copyOf(files), diff);
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
            if (Files.isRegularFile(file)) {
                return new ChangedFile(path, change, FileKinds.of(path), Files.size(file), Sha256.of(file));
            }
        } catch (IOException e) {
            // Gone or unreadable since the snapshot: report the change without its content.
        }
        return new ChangedFile(path, change, FileKinds.of(path), 0, null);
    }

    /** A tree object of the working directory as it is now, ignored files left out. */
    private static String snapshotTree(Git git) {
        Path index = null;
        try {
            index = Files.createTempFile("dg-index-", ".tmp");
            // git wants to create the index itself; an empty file would be a corrupt index.
            Files.delete(index);
            Git snapshot = git.withIndex(index);
            snapshot.run("add", "-A", "--", ".");
            return snapshot.run("write-tree").strip();
        } catch (IOException e) {
            throw new UncheckedIOException("could not snapshot the workspace", e);
        } finally {
            if (index != null) {
                try {
                    Files.deleteIfExists(index);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    private static boolean hasHead(Git git) {
        try {
            git.run("rev-parse", "--verify", "-q", "HEAD");
            return true;
        } catch (Git.GitException e) {
            return false;
        }
    }

    /** A step id made safe as one path segment. */
    static String safeName(String stepId) {
        String name = stepId == null ? "" : stepId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return "step-" + Integer.toHexString(String.valueOf(stepId).hashCode());
        }
        return name;
    }
}
