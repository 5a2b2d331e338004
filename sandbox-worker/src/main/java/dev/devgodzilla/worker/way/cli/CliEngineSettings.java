package dev.devgodzilla.worker.way.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.devgodzilla.contracts.agents.AgentCatalog;

/**
 * What CLI engines take from the worker's configuration.
 *
 * @param agentDirs      extra directories holding agent binaries, searched before PATH
 * @param baseUrls       per agent, this worker's own model endpoint for it, over the agent configuration's
 * @param versionTimeout longest wait for {@code --version}
 */
public record CliEngineSettings(List<Path> agentDirs, Map<String, String> baseUrls, Duration versionTimeout) {

    public CliEngineSettings {
        agentDirs = List.copyOf(agentDirs);
        baseUrls = Map.copyOf(baseUrls);
    }

    /**
     * The model endpoint of {@code agentId}'s runs exactly as its CLI expects it: this worker's own, else the
     * agent configuration's (read at each run, so a change applies to the next one); empty means the vendor's.
     */
    public Optional<String> baseUrl(String agentId) {
        String configured = baseUrls.containsKey(agentId) ? baseUrls.get(agentId)
                : AgentCatalog.find(agentId).map(a -> a.settings().baseUrl()).orElse(null);
        return Optional.ofNullable(configured).map(String::strip).filter(u -> !u.isEmpty())
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
