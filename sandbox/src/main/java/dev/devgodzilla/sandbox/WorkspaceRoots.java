package dev.devgodzilla.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The places a step may name as its workspace: a path qualifies when its real form (every existing part
 * resolved, symlinks followed) lies strictly below one of the roots. The worker and QA confine the
 * workspaces a message names with it, before anything on the host touches them.
 */
public final class WorkspaceRoots {
    private final List<Path> roots;

    private WorkspaceRoots(List<Path> roots) {
        this.roots = roots;
    }

    public static WorkspaceRoots of(List<Path> roots) {
        return new WorkspaceRoots(roots.stream().map(WorkspaceRoots::real).toList());
    }

    /** The roots, as real paths. */
    public List<Path> roots() {
        return roots;
    }

    /** The real form of {@code path} if it lies below a root. */
    public Optional<Path> confine(Path path) {
        Path real = real(path);
        return holds(real) ? Optional.of(real) : Optional.empty();
    }

    /** True when the real path {@code real} lies strictly below a root. */
    public boolean holds(Path real) {
        return roots.stream().anyMatch(root -> real.startsWith(root) && !real.equals(root));
    }

    /** {@code path} with every existing part resolved (symlinks followed) and the rest appended. */
    public static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }
}
