package dev.devgodzilla.worker.way.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What CLI engines take from the worker's configuration.
 *
 * @param agentDirs      extra directories holding agent binaries, searched before PATH
 * @param baseUrls       per agent, the model endpoint exactly as its CLI expects it; absent means the vendor's
 * @param versionTimeout longest wait for {@code --version}
 */
public record CliEngineSettings(List<Path> agentDirs, Map<String, String> baseUrls, Duration versionTimeout) {

    public CliEngineSettings {
        agentDirs = List.copyOf(agentDirs);
        baseUrls = Map.copyOf(baseUrls);
    }

    public Optional<String> baseUrl(String agentId) {
        return Optional.ofNullable(baseUrls.get(agentId)).map(String::strip).filter(u -> !u.isEmpty())
                .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
    }

    /** The PATH of a run: the agent directories first (CLIs start helpers by name), then the system's. */
    public String runPath() {
        StringBuilder path = new StringBuilder();
        for (Path dir : agentDirs) {
            path.append(dir).append(':');
        }
        return path.append("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin").toString();
    }
}
