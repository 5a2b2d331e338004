package dev.devgodzilla.worker.way.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.devgodzilla.worker.config.WorkerConfig;
import dev.devgodzilla.worker.install.AgentDirs;

/** Makes the {@link CliEngineSettings} every CLI engine bean is built with from the worker's settings. */
@ApplicationScoped
public class CliEngineSettingsProducer {

    @Produces
    @Singleton
    CliEngineSettings settings(WorkerConfig config) {
        return from(config);
    }

    public static CliEngineSettings from(WorkerConfig config) {
        Map<String, String> baseUrls = new LinkedHashMap<>();
        config.agents().forEach((agent, settings) -> settings.baseUrl().ifPresent(url -> baseUrls.put(agent, url)));
        return new CliEngineSettings(AgentDirs.binaryDirs(config), baseUrls, config.versionTimeout());
    }
}
