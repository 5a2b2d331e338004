package dev.devgodzilla.worker.way.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds agent binaries in configured agent directories first, then on the worker's PATH. */
public final class BinaryLocator {
    private final List<Path> dirs;

    public BinaryLocator(List<Path> agentDirs, String path) {
        List<Path> all = new ArrayList<>(agentDirs);
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    all.add(Path.of(dir));
                }
            }
        }
        this.dirs = List.copyOf(all);
    }

    /** Agent directories plus the worker's own PATH. */
    public static BinaryLocator withWorkerPath(List<Path> agentDirs) {
        return new BinaryLocator(agentDirs, System.getenv("PATH"));
    }

    public Optional<Path> find(String binary) {
        if (binary == null || binary.isBlank()) {
            return Optional.empty();
        }
        for (Path dir : dirs) {
            Path candidate = dir.resolve(binary);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                // keep the link's path: npm .bin links resolve relative to it, and it stays valid across updates
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    public List<Path> dirs() {
        return dirs;
    }
}
