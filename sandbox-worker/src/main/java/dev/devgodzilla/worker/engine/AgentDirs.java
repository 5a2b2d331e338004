package dev.devgodzilla.worker.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.devgodzilla.worker.config.WorkerConfig;
import dev.devgodzilla.worker.engine.cli.CliEngineSettings;

/** Reads the worker's agent settings: binary directories, their install prefixes and endpoints. */
public final class AgentDirs {

    private AgentDirs() {
    }

    /** The configured agent binary directories. */
    public static List<Path> binaryDirs(WorkerConfig config) {
        return config.agentPaths().orElse(List.of()).stream().map(String::strip).filter(p -> !p.isEmpty())
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

    public static CliEngineSettings settings(WorkerConfig config) {
        Map<String, String> baseUrls = new LinkedHashMap<>();
        config.agents().forEach((agent, settings) -> settings.baseUrl().ifPresent(url -> baseUrls.put(agent, url)));
        return new CliEngineSettings(binaryDirs(config), baseUrls, config.versionTimeout());
    }
}
