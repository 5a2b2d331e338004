package dev.devgodzilla.worker.install;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.devgodzilla.worker.config.WorkerConfig;

/** Where agents are installed on this worker: the configured binary directories and their install prefixes. */
public final class AgentDirs {

    private AgentDirs() {
    }

    /** The configured agent binary directories. */
    public static List<Path> binaryDirs(WorkerConfig config) {
        return binaryDirs(config.agentPaths().orElse(List.of()));
    }

    /** The agent binary directories {@code dg.worker.agent-paths} lists, as absolute paths. */
    public static List<Path> binaryDirs(List<String> agentPaths) {
        return agentPaths.stream().map(String::strip).filter(p -> !p.isEmpty())
                .map(p -> Path.of(p).toAbsolutePath().normalize()).toList();
    }

    /**
     * What a sandbox must see of an agent directory: for an npm {@code node_modules/.bin} directory the
     * whole install prefix, because the links there point into the packages next to it.
     */
    public static Path installPrefix(Path binaryDir) {
        Path dir = binaryDir.toAbsolutePath().normalize();
        if (dir.getFileName() != null && dir.getFileName().toString().equals(".bin") && dir.getParent() != null
                && dir.getParent().getFileName().toString().equals("node_modules") && dir.getParent().getParent() != null) {
            return dir.getParent().getParent();
        }
        return dir;
    }

    /** The install prefixes of all configured agent directories. */
    public static List<Path> installPrefixes(WorkerConfig config) {
        List<Path> prefixes = new ArrayList<>();
        for (Path dir : binaryDirs(config)) {
            Path prefix = installPrefix(dir);
            if (!prefixes.contains(prefix)) {
                prefixes.add(prefix);
            }
        }
        return prefixes;
    }
}
