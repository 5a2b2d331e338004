package dev.devgodzilla.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which host paths around a workspace may become mounts. The workspace is resolved once with
 * {@code toRealPath}; nothing inside it is followed: a symlinked {@code .git}, hooks dir or config is refused
 * rather than resolved, since resolving it would let the workspace choose what gets mounted.
 */
final class WorkspaceGuard {

    private final List<Path> forbidden;
    private final Path stateDir;

    WorkspaceGuard(List<Path> forbiddenRoots, Path stateDir) {
        this.forbidden = forbiddenRoots.stream().map(WorkspaceGuard::realOrSelf).toList();
        this.stateDir = realOrSelf(stateDir);
    }

    /** Resolves the workspace and refuses places a step must never get as its workspace. */
    Path resolve(Path workspace) {
        Path real;
        try {
            real = workspace.toRealPath();
        } catch (IOException e) {
            throw new SandboxException("workspace " + workspace + " does not exist or cannot be resolved", e);
        }
        if (!Files.isDirectory(real)) {
            throw new SandboxException("workspace " + workspace + " is not a directory");
        }
        if (real.getParent() == null) {
            throw new SandboxPolicyException("workspace " + workspace + " resolves to the root directory");
        }
        for (Path f : forbidden) {
            if (real.startsWith(f) || f.startsWith(real)) {
                throw new SandboxPolicyException("workspace " + workspace + " resolves to " + real
                        + ", which is in or contains the protected path " + f);
            }
        }
        if (real.startsWith(stateDir) || stateDir.startsWith(real)) {
            throw new SandboxPolicyException("workspace " + workspace + " overlaps the sandbox state directory "
                    + stateDir);
        }
        return real;
    }

    /**
     * Paths inside the workspace to re-bind read-only: {@code .git/hooks} (created empty when missing, so an
     * agent cannot plant hooks the worker's git would run later) and {@code .git/config}.
     */
    List<Path> readOnlyGitPaths(Path realWorkspace) {
        Path git = realWorkspace.resolve(".git");
        if (Files.isSymbolicLink(git)) {
            throw new SandboxPolicyException("workspace .git is a symbolic link; refusing to build mounts from it");
        }
        if (!Files.isDirectory(git, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<Path> paths = new ArrayList<>(2);
        Path hooks = git.resolve("hooks");
        Path config = git.resolve("config");
        if (Files.isSymbolicLink(hooks) || Files.isSymbolicLink(config)) {
            throw new SandboxPolicyException("workspace .git/hooks or .git/config is a symbolic link; refusing");
        }
        try {
            if (!Files.exists(hooks, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(hooks);
            }
        } catch (IOException e) {
            throw new SandboxException("cannot create " + hooks, e);
        }
        if (Files.isDirectory(hooks, LinkOption.NOFOLLOW_LINKS)) {
            paths.add(hooks);
        }
        if (Files.isRegularFile(config, LinkOption.NOFOLLOW_LINKS)) {
            paths.add(config);
        }
        return paths;
    }

    private static Path realOrSelf(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
